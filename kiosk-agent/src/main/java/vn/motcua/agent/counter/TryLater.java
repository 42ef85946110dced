package vn.motcua.agent.counter;

import io.micronaut.http.HttpStatus;
import vn.motcua.agent.web.ApiException;

import java.time.Duration;

/** A refusal that ends by itself: the LAN server adds {@code Retry-After} with its whole seconds. */
public class TryLater extends ApiException {
    private final Duration after;

    public TryLater(HttpStatus status, String error, String field, String message, Duration after) {
        super(status, error, field, message);
        this.after = after;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (after.toMillis() + 999) / 1000);
    }
}
