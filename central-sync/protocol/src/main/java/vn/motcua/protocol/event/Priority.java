package vn.motcua.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** Why a citizen is called ahead of the normal queue. */
public enum Priority {
    ELDERLY, DISABLED, PREGNANT, CHILD, OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<Priority> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}
