package vn.motcua.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The times the contract carries: from {@link #EARLIEST} (inclusive) to {@link #LATEST} (exclusive). Nothing this
 * system records happened before the system existed or after this century; a time outside says the clock that took
 * it is wrong (a Raspberry Pi without a real-time clock, a mistyped date), and a store or a report must never meet
 * year 1 or year +999999999.
 */
public final class TimeWindow {
    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private TimeWindow() {
    }

    public static boolean contains(OffsetDateTime time) {
        return contains(time.toInstant());
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }
}
