package vn.motcua.central.ticketpage;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for the public pages: {@code burst} requests at once, refilled at
 * {@code requestsPerMinute}. Kept in memory per instance; buckets idle long enough to be full again are forgotten
 * when the map grows, so a flood of addresses cannot grow it without end.
 */
@Singleton
public class ClientThrottle {
    private static final int FORGET_ABOVE = 10_000;

    private final double capacity;
    private final double perMilli;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientThrottle(PublicPageConfig config, Clock clock) {
        this.capacity = config.burst();
        this.perMilli = config.requestsPerMinute() / 60_000.0;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** Takes one request's token for {@code client}; false when it has none left. */
    public boolean allow(String client) {
        long now = clock.millis();
        if (buckets.size() > FORGET_ABOVE) {
            long full = (long) Math.ceil(capacity / perMilli);
            buckets.values().removeIf(b -> now - b.at > full);
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(capacity, now));
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMilli);
            b.at = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }
}
