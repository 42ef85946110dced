package vn.motcua.agent.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error JSON. Micronaut reports an unparsable JSON body as a CodecException and a
 * body of the wrong shape as a ConversionErrorException; anything unexpected becomes a 500 without a stack trace
 * (the trace goes to the log).
 */
@Factory
public class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    @Singleton
    ExceptionHandler<ApiException, HttpResponse<ErrorBody>> api() {
        return (request, e) -> HttpResponse.<ErrorBody>status(e.status()).body(e.body());
    }

    @Singleton
    ExceptionHandler<CodecException, HttpResponse<ErrorBody>> malformedBody() {
        return (request, e) -> HttpResponse.badRequest(
                new ErrorBody("invalid_request", "body", "request body is not valid JSON"));
    }

    @Singleton
    ExceptionHandler<ConversionErrorException, HttpResponse<ErrorBody>> conversion() {
        return (request, e) -> HttpResponse.badRequest(new ErrorBody("invalid_request", e.getArgument().getName(),
                "cannot be read as " + e.getArgument().getType().getSimpleName()));
    }

    @Singleton
    ExceptionHandler<RuntimeException, HttpResponse<ErrorBody>> unexpected() {
        return (HttpRequest request, RuntimeException e) -> {
            LOG.error("{} {} failed", request.getMethod(), request.getPath(), e);
            return HttpResponse.<ErrorBody>status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(new ErrorBody("internal_error", null, "the kiosk agent could not complete this request; "
                            + "it has been logged — please try again"));
        };
    }
}
