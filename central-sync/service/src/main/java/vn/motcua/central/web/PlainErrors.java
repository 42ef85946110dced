package vn.motcua.central.web;

import com.fasterxml.jackson.core.JacksonException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The body of every error answer Micronaut builds itself (unreadable JSON, a wrong content type, an unknown path, an
 * unexpected exception): a short text per status in the page's language, with the parameter when one is known —
 * never the exception's message, which names classes, SQL or library settings. The exception itself goes to the log
 * as before. Errors central raises on purpose ({@code BadParameterException}, {@code Forbidden}) have their own
 * handlers and say precisely what is wrong.
 */
@Singleton
@Primary
public class PlainErrors implements ErrorResponseProcessor<Object> {
    private final ErrorPage errorPage;

    public PlainErrors(ErrorPage errorPage) {
        this.errorPage = errorPage;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        if (request.getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Object>) response;
        }
        HttpStatus status = response.status();
        Lang lang = lang(request);
        String parameter = context.getRootCause().map(PlainErrors::parameterOf).orElse(null);
        String message = lang.t(textKey(status));
        if (ErrorPage.wantsPage(request)) {
            String html = errorPage.body(lang, Principal.of(request).orElse(null),
                    lang.t("err.title") + " " + status.getCode(), parameter, message, request.getPath());
            return ((MutableHttpResponse<Object>) response).body((Object) html)
                    .contentType(new MediaType("text/html; charset=utf-8"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status.name().toLowerCase(Locale.ROOT));
        body.put("message", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return ((MutableHttpResponse<Object>) response).body((Object) body)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static Lang lang(HttpRequest<?> request) {
        try {
            return Lang.of(request);
        } catch (RuntimeException e) {
            return Lang.VI; // a request too broken to read its parameters still gets an answer
        }
    }

    static String textKey(HttpStatus status) {
        return switch (status.getCode()) {
            case 400, 401, 403, 404, 405, 406, 411, 413, 415 -> "err." + status.getCode();
            default -> status.getCode() >= 500 ? "err.5xx" : "err.4xx";
        };
    }

    /** The argument a conversion failed for (a query value, or the body), by its declared name only. */
    private static String parameterOf(Throwable cause) {
        if (cause instanceof ConversionErrorException e) {
            return e.getArgument().getName();
        }
        if (cause instanceof UnsatisfiedArgumentException e) {
            return e.getArgument().getName();
        }
        if (cause instanceof JacksonException || cause instanceof JsonSyntaxException) {
            return "body";
        }
        return null;
    }
}
