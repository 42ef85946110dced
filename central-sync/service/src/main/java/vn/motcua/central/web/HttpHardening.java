package vn.motcua.central.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * What every answer of central carries, and what a request may send before anything reads it.
 * <p>
 * Headers: a Content-Security-Policy that allows only central's own scripts, styles and connections (the pages
 * have no inline script or style, so none is allowed), no framing, no MIME sniffing, no referrer to other sites.
 * <p>
 * Bodies: a sign-in and a site configuration have small bounds of their own ({@link BodyLimit}, declared by the
 * feature that owns the route), checked on the declared length so an oversized body is refused before it is read; a
 * sign-in must declare its length. The server's overall
 * {@code micronaut.server.max-request-size} still bounds everything else (the catalogue upload is the largest).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpHardening {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final List<BodyLimit> limits;

    public HttpHardening(List<BodyLimit> limits) {
        this.limits = List.copyOf(limits);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limitBody(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String path = request.getPath();
        BodyLimit limit = limits.stream().filter(l -> l.appliesTo(path)).findFirst().orElse(null);
        if (limit == null) {
            return null;
        }
        long length = request.getContentLength();
        Lang lang = Lang.of(request);
        if (length < 0 && limit.lengthRequired()) {
            return refuse(HttpStatus.LENGTH_REQUIRED, limit.field(), lang.t("err.411"));
        }
        if (length > limit.maxBytes()) {
            return refuse(HttpStatus.REQUEST_ENTITY_TOO_LARGE, limit.field(),
                    String.format(lang.t("err.tooLarge"), limit.maxBytes() / 1024));
        }
        return null;
    }

    private static HttpResponse<?> refuse(HttpStatus status, String field, String message) {
        return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Map.of("parameter", field, "message", message));
    }

    @ResponseFilter
    public void secureHeaders(MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
    }
}
