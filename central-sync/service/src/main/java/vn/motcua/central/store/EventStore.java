package vn.motcua.central.store;

import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Instant;
import java.util.List;

/**
 * Durable store of kiosk events, kiosk state and rejection counts. Implementations are thread-safe and correct when
 * several central instances write the same kiosk's events at once. Failures surface as {@link StoreException}.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Stores every event of the batch not stored yet (by kiosk and seq; a redelivery changes nothing) and advances the
     * kiosk's contiguous sequence, all in one transaction.
     *
     * @return the kiosk's contiguous sequence afterwards: every seq from 1 to it is stored
     */
    long storeBatch(String siteId, EventBatch batch);

    /**
     * Stores several batches, of one or many kiosks, in one transaction: one commit for all of them, as a busy
     * broker delivers them together.
     *
     * @return each kiosk's contiguous sequence afterwards
     */
    java.util.Map<String, Long> storeBatches(List<SiteBatch> batches);

    /** A batch with the site its topic named. */
    record SiteBatch(String siteId, EventBatch batch) {
    }

    /** Adds one to the count of the rejection reason. */
    void recordRejection(String reasonCode);

    /** Applies a kiosk's status message (idempotent: the retained status may arrive many times). */
    void recordStatus(String siteId, String kioskId, KioskStatus status);

    /** Marks a known kiosk as seen at {@code at}; unknown kiosks are ignored. */
    void touch(String kioskId, Instant at);

    Stats stats();

    /** All kiosks, by kiosk id. */
    List<KioskState> kiosks();

    /** Newest stored first (store order, descending). */
    List<StoredEvent> events(EventQuery query);

    /** Whether the database answers now. */
    boolean ping();

    @Override
    void close();
}
