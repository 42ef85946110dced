package vn.motcua.central.report.integrity;

import java.time.Instant;

/** One stored rating as the integrity checks read it; {@code ticketId} null for an anonymous rating. */
public record Rated(String eventId, Instant at, String day, String site, String kiosk, String ticketId,
                    String counter, String officer, String level) {
    public static final String TOP_LEVEL = "very_satisfied";

    boolean top() {
        return TOP_LEVEL.equals(level);
    }

    /** The subject of the given type this rating belongs to: its officer or its kiosk ("" when none). */
    String subject(Subject type) {
        return type == Subject.OFFICER ? officer : kiosk;
    }
}
