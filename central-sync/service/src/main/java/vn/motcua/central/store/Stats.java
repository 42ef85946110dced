package vn.motcua.central.store;

import java.util.Map;

/** Totals over the store; {@code rejected} counts refused payloads by reason code. */
public record Stats(long events, long tickets, long ratings, Map<String, Long> rejected) {
    public Stats {
        rejected = Map.copyOf(rejected);
    }
}
