package vn.motcua.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: each delay is half the current step plus a random part of the other half, and the
 * step doubles up to the maximum. The jitter keeps a fleet of clients from retrying in lock-step.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long stepMillis;

    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.stepMillis = minMillis;
    }

    public synchronized Duration next() {
        long half = stepMillis / 2;
        long delay = half + ThreadLocalRandom.current().nextLong(stepMillis - half + 1);
        stepMillis = Math.min(maxMillis, stepMillis * 2);
        return Duration.ofMillis(Math.max(1, delay));
    }

    public synchronized void reset() {
        stepMillis = minMillis;
    }
}
