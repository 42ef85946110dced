package vn.motcua.agent.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Micronaut's own errors (unknown path, wrong method, wrong content type) in the API's error shape, e.g.
 * {@code {"error":"unsupported_media_type","message":"Content Type [text/plain] not allowed…"}}.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {
    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(response.getStatus().getReason());
        String error = response.getStatus().name().toLowerCase(Locale.ROOT);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(new ErrorBody(error, null, message));
    }
}
