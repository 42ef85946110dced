package vn.motcua.central.store;

import java.util.Map;

/**
 * Totals over the store; {@code rejected} counts refused payloads and results by reason code (and events stored under
 * a number already held with another event, as {@code seq_conflict}); {@code quarantined} counts events the database
 * refused, kept whole in quarantine.
 */
public record Stats(long events, long tickets, long ratings, Map<String, Long> rejected, long quarantined) {
    public Stats {
        rejected = Map.copyOf(rejected);
    }
}
