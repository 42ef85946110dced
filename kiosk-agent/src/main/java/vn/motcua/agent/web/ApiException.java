package vn.motcua.agent.web;

import io.micronaut.http.HttpStatus;

/** A request the agent refuses, with the JSON the client gets: {@code {"error","field","message"}}. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String error;
    private final String field;

    public ApiException(HttpStatus status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", field, message);
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(error, field, getMessage());
    }
}
