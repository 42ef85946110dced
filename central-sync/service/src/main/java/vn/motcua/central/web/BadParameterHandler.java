package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.api.TooLargeException;

import java.util.Map;

/**
 * A bad parameter is a 400 (413 when it is too large) naming it: JSON for the API and scripts, the error on a page
 * in the page's language for a browser that opened a page.
 */
@Produces
@Singleton
public class BadParameterHandler implements ExceptionHandler<BadParameterException, HttpResponse<?>> {
    private final ErrorPage errorPage;

    public BadParameterHandler(ErrorPage errorPage) {
        this.errorPage = errorPage;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, BadParameterException e) {
        HttpStatus status = e instanceof TooLargeException ? HttpStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
        if (ErrorPage.wantsPage(request)) {
            Lang lang = Lang.of(request);
            return errorPage.of(lang, Principal.of(request).orElse(null), status, e.parameter(),
                    e.getMessage(), request.getPath());
        }
        return HttpResponse.status(status).body(Map.of("message", e.getMessage(), "parameter", e.parameter()));
    }
}
