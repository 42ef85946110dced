package vn.motcua.central.ingest;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.StoreException;
import vn.motcua.mqtt.Backoff;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What central does with one incoming MQTT message, independent of the MQTT client: events are decoded, stored and
 * each batch answered with an ack of the kiosk's contiguous sequence (site and kiosk together: two sites may both have
 * a kiosk-01); status messages update that (site, kiosk); anything that breaks the contract is counted by reason and
 * dropped. An event the database refuses is set aside in quarantine by the store; only outages reach here, and are
 * retried for a bounded time, then surface as {@link StoreUnavailableException} so the caller can leave the message
 * unacknowledged.
 */
@Singleton
public class IngestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private static final int MAX_LOGGED_MESSAGE = 200;
    /** The rejection reason counted for a status message the database refused. */
    static final String STATUS_REFUSED = "status_refused";

    private final EventStore store;
    private final IngestConfig config;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock;
    private final OwedAcks owed = new OwedAcks();

    public IngestHandler(EventStore store, IngestConfig config, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.config = config;
    }

    /**
     * One MQTT message as it arrived, with its events already decoded when it carried a valid batch: decoding runs
     * on the MQTT client's thread while the writer stores the previous group.
     */
    public static final class Arrived {
        private final String topic;
        private final byte[] payload;
        private final boolean retained;
        private final Topics.Address address;
        private final EventStore.SiteBatch batch;
        private final ProtocolCodec.CheckedBatch checked;
        private final ProtocolException problem;

        private Arrived(String topic, byte[] payload, boolean retained, Topics.Address address,
                        ProtocolCodec.CheckedBatch checked, ProtocolException problem) {
            this.topic = topic;
            this.payload = payload;
            this.retained = retained;
            this.address = address;
            this.checked = checked;
            this.batch = checked == null ? null : new EventStore.SiteBatch(address.siteId(), checked.batch());
            this.problem = problem;
        }
    }

    /**
     * The kiosk a message is from, as its topic names it: one writer per kiosk keeps a kiosk's batches in order
     * within an instance. Null for a topic that is not a kiosk's.
     */
    public static KioskKey kioskOf(Arrived arrived) {
        return arrived.address == null ? null : new KioskKey(arrived.address.siteId(), arrived.address.kioskId());
    }

    /**
     * Parses the topic and, for events, decodes and validates the batch. Never throws.
     *
     * @param retained whether the broker delivered it as a retained message (an old status, not a sign of life)
     */
    public Arrived prepare(String topic, byte[] payload, boolean retained) {
        Topics.Address address;
        try {
            address = Topics.parse(topic);
        } catch (ProtocolException e) {
            return new Arrived(topic, payload, retained, null, null, e);
        }
        if (!Topics.EVENTS.equals(address.suffix())) {
            return new Arrived(topic, payload, retained, address, null, null);
        }
        try {
            return new Arrived(topic, payload, retained, address,
                    codec.decodeEventBatchKeepingRefused(payload, address.kioskId()), null);
        } catch (ProtocolException e) {
            return new Arrived(topic, payload, retained, address, null, e);
        }
    }

    /**
     * Handles messages that arrived together: statuses and rejections one by one, and the events of all of them in
     * one transaction, so a busy broker costs one commit per group rather than one per message.
     *
     * @return the acks to publish, one per stored batch
     */
    public List<AckRequest> handleAll(List<Arrived> messages) throws StoreUnavailableException {
        List<EventStore.SiteBatch> batches = new ArrayList<>();
        List<Arrived> checked = new ArrayList<>();
        for (Arrived m : messages) {
            if (m.problem != null) {
                reject(m.address == null ? null : m.address.siteId() + "/" + m.address.kioskId(), m.topic, m.problem);
            } else if (m.batch != null) {
                checked.add(m);
                if (!m.batch.batch().events().isEmpty()) {
                    batches.add(m.batch);
                }
            } else if (Topics.STATUS.equals(m.address.suffix())) {
                status(m.address, m.topic, m.payload, m.retained);
            } else {
                LOG.debug("ignored message on {}", m.topic);
            }
        }
        if (checked.isEmpty()) {
            return List.of();
        }
        int events = batches.stream().mapToInt(b -> b.batch().events().size()).sum();
        Map<KioskKey, Long> contiguous = batches.isEmpty() ? new HashMap<>() : new HashMap<>(withRetry(
                "store " + events + " events of " + batches.size() + " batches", () -> store.storeBatches(batches)));
        for (Arrived m : checked) {
            if (!m.checked.refused().isEmpty()) {
                contiguous.putAll(keepRefused(m));
            }
        }
        List<AckRequest> acks = new ArrayList<>(checked.size());
        for (Arrived m : checked) {
            KioskKey kiosk = new KioskKey(m.address.siteId(), m.checked.batch().kioskId());
            AckRequest ack = ackOf(m.address.siteId(), m.checked, contiguous.getOrDefault(kiosk, 0L));
            acks.add(ack);
            if (ack.upToSeq() < m.checked.lastSeq()) {
                owed.remember(kiosk, ack.batchId(), m.checked.lastSeq());
            }
        }
        contiguous.forEach((kiosk, upTo) -> owed.settle(kiosk, upTo).ifPresent(acks::add));
        LOG.debug("stored {} events of {} batches", events, batches.size());
        return acks;
    }

    /**
     * The answer to one batch: how far central holds the kiosk's events contiguously, but never beyond the batch's
     * last seq (the kiosk applies an ack only to a batch it has in flight and up to that batch's end). A batch from an
     * agent that names none gets batch id "": older agents read only {@code upToSeq}, newer ones refuse a blank id.
     */
    static AckRequest ackOf(String siteId, ProtocolCodec.CheckedBatch checked, long contiguous) {
        EventBatch batch = checked.batch();
        return new AckRequest(siteId, batch.kioskId(), Math.min(contiguous, checked.lastSeq()),
                batch.batchId() == null ? "" : batch.batchId());
    }

    /**
     * Events of a well-formed batch that the contract refuses are kept whole in quarantine with their reason, each
     * counted under its reject reason; the events around them are stored as usual.
     */
    private Map<KioskKey, Long> keepRefused(Arrived m) throws StoreUnavailableException {
        for (ProtocolCodec.RefusedEvent r : m.checked.refused()) {
            reject(m.address.siteId() + "/" + m.address.kioskId(), m.topic, r.problem());
        }
        return withRetry("keep " + m.checked.refused().size() + " refused events of kiosk " + m.address.siteId()
                + "/" + m.address.kioskId() + " in quarantine",
                () -> store.keepRefused(m.address.siteId(), m.address.kioskId(), m.checked.refused()));
    }

    private void status(Topics.Address address, String topic, byte[] payload, boolean retained)
            throws StoreUnavailableException {
        if (payload.length == 0) {
            return; // a cleared retained status
        }
        KioskStatus status;
        try {
            status = codec.decodeStatus(payload);
        } catch (ProtocolException e) {
            reject(address.siteId() + "/" + address.kioskId(), topic, e);
            return;
        }
        KioskKey kiosk = new KioskKey(address.siteId(), address.kioskId());
        try {
            withRetry("record status of kiosk " + kiosk, () -> {
                store.recordStatus(address.siteId(), address.kioskId(), status);
                if (!retained) {
                    store.touch(address.siteId(), address.kioskId(), clock.instant());
                }
                return null;
            });
        } catch (StoreException refused) {
            // a status is no event: one the database refuses is counted and dropped, never retried forever
            LOG.warn("kiosk {}: status refused by the database, dropped: {}", kiosk, refused.getMessage());
            withRetry("count rejection " + STATUS_REFUSED, () -> {
                store.recordRejection(STATUS_REFUSED);
                return null;
            });
            return;
        }
        LOG.info("kiosk {}: {} (version {}, boot {})", kiosk, status.online() ? "online" : "offline",
                status.version(), status.bootId());
    }

    private void reject(String kioskId, String topic, ProtocolException e) throws StoreUnavailableException {
        String message = e.getMessage();
        String prefix = e.reason().code() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        if (message.length() > MAX_LOGGED_MESSAGE) {
            message = message.substring(0, MAX_LOGGED_MESSAGE) + "…";
        }
        LOG.warn("rejected message from kiosk {} on {}: {} ({})", kioskId == null ? "?" : kioskId, topic,
                e.reason().code(), message);
        withRetry("count rejection " + e.reason().code(), () -> {
            store.recordRejection(e.reason().code());
            return null;
        });
    }

    private <T> T withRetry(String what, Supplier<T> operation) throws StoreUnavailableException {
        long deadline = System.nanoTime() + config.storeRetryFor().toNanos();
        Backoff backoff = new Backoff(config.storeRetryMinDelay(), config.storeRetryMaxDelay());
        while (true) {
            try {
                return operation.get();
            } catch (StoreException e) {
                if (e.refusedData()) {
                    throw e; // the same data again would be refused again
                }
                Duration delay = backoff.next();
                if (System.nanoTime() + delay.toNanos() > deadline) {
                    throw new StoreUnavailableException(what + " kept failing for "
                            + config.storeRetryFor().toMillis() + " ms: " + e.getMessage(), e);
                }
                LOG.warn("{} failed, retrying in {} ms: {}", what, delay.toMillis(), e.getMessage());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException(what + " interrupted", e);
                }
            }
        }
    }
}
