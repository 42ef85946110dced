package vn.motcua.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an officer's sign-in at a counter ended: they signed out ({@code officer}), their session ran out
 * ({@code timeout}), or another officer signed in at the same counter, or they signed in at another one
 * ({@code replaced}).
 */
public enum SignOutReason {
    OFFICER, TIMEOUT, REPLACED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<SignOutReason> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }
}
