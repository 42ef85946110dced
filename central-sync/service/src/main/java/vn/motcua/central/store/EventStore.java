package vn.motcua.central.store;

import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Durable store of kiosk events, kiosk state and rejection counts. A kiosk is a {@link KioskKey}: site and kiosk id.
 * Implementations are thread-safe and correct when several central instances write the same kiosk's events at once.
 * Outages surface as {@link StoreException}; an event the database refuses is kept in quarantine instead.
 */
public interface EventStore {

    /**
     * Stores the batch as {@link #storeBatches} does.
     *
     * @return the kiosk's contiguous sequence afterwards: every seq from 1 to it is held
     */
    long storeBatch(String siteId, EventBatch batch);

    /**
     * Stores several batches, of one or many kiosks, in as few transactions as the data allows: one commit for all of
     * them as a busy broker delivers them together. Exactly once per kiosk and event id: an event whose id is held
     * already is a resend whatever its seq; an event under a seq held with another id is another history of the kiosk
     * (a restored database), stored too and counted as {@code seq_conflict}. When the database refuses the data, the
     * batches are stored one by one and then event by event, and each refused event is kept whole in quarantine; the
     * rest is stored. Only an outage throws.
     *
     * @return each kiosk's contiguous sequence afterwards: every seq from 1 to it is held, by a stored or a
     *         quarantined event
     */
    Map<KioskKey, Long> storeBatches(List<SiteBatch> batches);

    /**
     * Keeps events the contract refused, each whole in quarantine with its reason, and holds their numbers: the
     * kiosk may delete them, central has them for an operator.
     *
     * @return the kiosk's contiguous sequence afterwards
     */
    Map<KioskKey, Long> keepRefused(String siteId, String kioskId, List<ProtocolCodec.RefusedEvent> refused);

    /** A batch with the site its topic named. */
    record SiteBatch(String siteId, EventBatch batch) {
    }

    /** Adds one to the count of the rejection reason. */
    void recordRejection(String reasonCode);

    /** Applies a kiosk's status message (idempotent: the retained status may arrive many times). */
    void recordStatus(String siteId, String kioskId, KioskStatus status);

    /** Marks a known kiosk as seen at {@code at}; unknown kiosks are ignored. */
    void touch(String siteId, String kioskId, Instant at);

    Stats stats();

    /** All kiosks, by site and kiosk id. */
    List<KioskState> kiosks();

    /** Newest stored first (store order, descending). */
    List<StoredEvent> events(EventQuery query);

    /** Quarantined events, newest first; {@code siteId} and {@code kioskId} null for any. */
    List<QuarantinedEvent> quarantined(String siteId, String kioskId, int limit);

    /** Tries to store a quarantined event again; on success it leaves the quarantine. */
    Readmission readmit(String quarantineId);

    /** Whether the database answers now. */
    boolean ping();
}
