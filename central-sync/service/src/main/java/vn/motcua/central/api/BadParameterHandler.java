package vn.motcua.central.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

@Produces
@Singleton
@Requires(classes = {BadParameterException.class, ExceptionHandler.class})
public class BadParameterHandler implements ExceptionHandler<BadParameterException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, BadParameterException e) {
        return HttpResponse.badRequest(Map.of("message", e.getMessage(), "parameter", e.parameter()));
    }
}
