package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

@Produces
@Singleton
public class ForbiddenHandler implements ExceptionHandler<Forbidden, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, Forbidden e) {
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("error", "forbidden", "message", e.getMessage()));
    }
}
