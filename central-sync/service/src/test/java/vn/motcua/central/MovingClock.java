package vn.motcua.central;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock in UTC that a test sets. */
public final class MovingClock extends Clock {
    private final AtomicLong millis;

    public MovingClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    public MovingClock(Instant at) {
        this(at.toEpochMilli());
    }

    public void set(long millis) {
        this.millis.set(millis);
    }

    public void set(Instant at) {
        set(at.toEpochMilli());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
