package vn.motcua.central.ingest;

import vn.motcua.central.store.KioskKey;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batches answered short of their end because an earlier batch of the same kiosk was not stored yet: it may be stored
 * a moment later by another writer (another ingest connection of this instance brought it), and then the short
 * batch's ack is owed. Without this, the kiosk would wait for its ack timeout and send the batch again. Bounded per
 * kiosk; what is forgotten is only sent again by the kiosk, never lost.
 */
final class OwedAcks {
    static final int MAX_PER_KIOSK = 64;

    /** Per kiosk: last seq of a batch answered short → its batch id. */
    private final Map<KioskKey, NavigableMap<Long, String>> owed = new ConcurrentHashMap<>();

    void remember(KioskKey kiosk, String batchId, long lastSeq) {
        NavigableMap<Long, String> batches = owed.computeIfAbsent(kiosk, k -> new TreeMap<>());
        synchronized (batches) {
            batches.put(lastSeq, batchId);
            while (batches.size() > MAX_PER_KIOSK) {
                batches.pollFirstEntry();
            }
        }
    }

    /**
     * Central now holds the kiosk's events contiguously up to {@code contiguous}: the ack of the furthest owed batch
     * this reaches (acks are cumulative), if any; the batches it covers are no longer owed.
     */
    Optional<AckRequest> settle(KioskKey kiosk, long contiguous) {
        NavigableMap<Long, String> batches = owed.get(kiosk);
        if (batches == null) {
            return Optional.empty();
        }
        synchronized (batches) {
            NavigableMap<Long, String> covered = batches.headMap(contiguous, true);
            if (covered.isEmpty()) {
                return Optional.empty();
            }
            Map.Entry<Long, String> furthest = covered.lastEntry();
            covered.clear();
            return Optional.of(new AckRequest(kiosk.siteId(), kiosk.kioskId(), furthest.getKey(), furthest.getValue()));
        }
    }
}
