package vn.motcua.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** A satisfaction level. The three-level scale uses only very satisfied, satisfied and dissatisfied. */
public enum RatingLevel {
    VERY_SATISFIED(true),
    SATISFIED(true),
    NEUTRAL(false),
    DISSATISFIED(true),
    VERY_DISSATISFIED(false);

    private final boolean onThreeLevelScale;

    RatingLevel(boolean onThreeLevelScale) {
        this.onThreeLevelScale = onThreeLevelScale;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public boolean allowedOn(int scale) {
        return scale == 5 || (scale == 3 && onThreeLevelScale);
    }

    public static Optional<RatingLevel> fromWire(String name) {
        return Arrays.stream(values()).filter(l -> l.wireName().equals(name)).findFirst();
    }
}
