package vn.motcua.central.ingest;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.StoreException;
import vn.motcua.mqtt.Backoff;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What central does with one incoming MQTT message, independent of the MQTT client: events are decoded, stored and
 * answered with an ack of the kiosk's contiguous sequence; status messages update the fleet; anything that breaks the
 * contract is counted by reason and dropped. Store failures are retried for a bounded time, then surface as
 * {@link StoreUnavailableException} so the caller can leave the message unacknowledged.
 */
@Singleton
public class IngestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private static final int MAX_LOGGED_MESSAGE = 200;

    private final EventStore store;
    private final IngestConfig config;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock = Clock.systemUTC();

    public IngestHandler(EventStore store, IngestConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * Handles one message.
     *
     * @param retained whether the broker delivered it as a retained message (an old status, not a sign of life)
     * @return the ack to publish, if any
     */
    public Optional<AckRequest> handle(String topic, byte[] payload, boolean retained)
            throws StoreUnavailableException {
        Topics.Address address;
        try {
            address = Topics.parse(topic);
        } catch (ProtocolException e) {
            reject(null, topic, e);
            return Optional.empty();
        }
        return switch (address.suffix()) {
            case Topics.EVENTS -> events(address, topic, payload);
            case Topics.STATUS -> {
                status(address, topic, payload, retained);
                yield Optional.empty();
            }
            default -> {
                LOG.debug("ignored message on {}", topic);
                yield Optional.empty();
            }
        };
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
        private final ProtocolException problem;

        private Arrived(String topic, byte[] payload, boolean retained, Topics.Address address,
                        EventStore.SiteBatch batch, ProtocolException problem) {
            this.topic = topic;
            this.payload = payload;
            this.retained = retained;
            this.address = address;
            this.batch = batch;
            this.problem = problem;
        }
    }

    /** Parses the topic and, for events, decodes and validates the batch. Never throws. */
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
                    new EventStore.SiteBatch(address.siteId(), codec.decodeEventBatch(payload, address.kioskId())),
                    null);
        } catch (ProtocolException e) {
            return new Arrived(topic, payload, retained, address, null, e);
        }
    }

    /**
     * Handles messages that arrived together: statuses and rejections one by one, and the events of all of them in
     * one transaction, so a busy broker costs one commit per group rather than one per message.
     *
     * @return the acks to publish, one per kiosk with events in the group
     */
    public List<AckRequest> handleAll(List<Arrived> messages) throws StoreUnavailableException {
        List<EventStore.SiteBatch> batches = new ArrayList<>();
        for (Arrived m : messages) {
            if (m.problem != null) {
                reject(m.address == null ? null : m.address.kioskId(), m.topic, m.problem);
            } else if (m.batch != null) {
                batches.add(m.batch);
            } else {
                handle(m.topic, m.payload, m.retained);
            }
        }
        if (batches.isEmpty()) {
            return List.of();
        }
        int events = batches.stream().mapToInt(b -> b.batch().events().size()).sum();
        Map<String, Long> contiguous = withRetry("store " + events + " events of " + batches.size() + " batches",
                () -> store.storeBatches(batches));
        Map<String, String> siteOf = new HashMap<>();
        batches.forEach(b -> siteOf.put(b.batch().kioskId(), b.siteId()));
        List<AckRequest> acks = new ArrayList<>(contiguous.size());
        contiguous.forEach((kioskId, upTo) -> acks.add(
                new AckRequest(Topics.of(siteOf.get(kioskId), kioskId, Topics.ACK), upTo)));
        LOG.debug("stored {} events of {} batches in one transaction", events, batches.size());
        return acks;
    }

    private Optional<AckRequest> events(Topics.Address address, String topic, byte[] payload)
            throws StoreUnavailableException {
        EventBatch batch;
        try {
            batch = codec.decodeEventBatch(payload, address.kioskId());
        } catch (ProtocolException e) {
            reject(address.kioskId(), topic, e);
            return Optional.empty();
        }
        long contiguous = withRetry("store " + batch.events().size() + " events of kiosk " + address.kioskId(),
                () -> store.storeBatch(address.siteId(), batch));
        LOG.debug("kiosk {}: stored batch of {} events (seq {}..{}), contiguous {}", address.kioskId(),
                batch.events().size(), batch.events().get(0).seq(),
                batch.events().get(batch.events().size() - 1).seq(), contiguous);
        return Optional.of(new AckRequest(Topics.of(address.siteId(), address.kioskId(), Topics.ACK), contiguous));
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
            reject(address.kioskId(), topic, e);
            return;
        }
        withRetry("record status of kiosk " + address.kioskId(), () -> {
            store.recordStatus(address.siteId(), address.kioskId(), status);
            if (!retained) {
                store.touch(address.kioskId(), clock.instant());
            }
            return null;
        });
        LOG.info("kiosk {}: {} (version {}, boot {})", address.kioskId(), status.online() ? "online" : "offline",
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
