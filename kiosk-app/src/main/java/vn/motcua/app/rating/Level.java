package vn.motcua.app.rating;

import java.util.List;

/** The rating levels of the contract, best first, and which of them a scale shows. */
public enum Level {
    VERY_SATISFIED, SATISFIED, NEUTRAL, DISSATISFIED, VERY_DISSATISFIED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Low levels are followed by the optional reasons. */
    public boolean low() {
        return this == DISSATISFIED || this == VERY_DISSATISFIED;
    }

    public static List<Level> of(int scale) {
        return scale == 3 ? List.of(VERY_SATISFIED, SATISFIED, DISSATISFIED) : List.of(values());
    }
}
