package vn.motcua.central.ingest;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.CentralConfig;
import vn.motcua.central.broker.MqttBroker;
import vn.motcua.central.broker.MqttConfig;
import vn.motcua.central.command.CommandSigner;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.mqtt.MqttSession;
import vn.motcua.mqtt.SessionSettings;
import vn.motcua.mqtt.SessionSettings.Subscription;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT edge of ingest, over the shared {@link MqttSession}: {@code central.ingest.connections} persistent
 * sessions per instance ({@code cleanStart=false}, non-zero expiry) under stable client ids, all in the shared
 * subscription to every kiosk's events (so the connections of every instance split the load), the first one also
 * subscribed to the kiosks' status. As many writer threads: each kiosk's messages go to one of them, whichever
 * connection brought them, so a kiosk's batches are stored one after the other and each ack sees the batches before
 * it (two transactions storing one kiosk's neighbouring batches at once could each miss the other's and leave a
 * batch unacknowledged until the kiosk sends it again).
 * <p>
 * Manual acks: a writer stores what has arrived together in one transaction and only then acknowledges each message
 * to the broker, so a crash or a database outage before that leaves them in our session and the broker delivers them
 * again. (Paho v5 acknowledges a message even when {@code messageArrived} throws, so throwing cannot be used to
 * refuse one.)
 */
@Context
public class MqttIngestClient {
    public static final String SHARE_GROUP = "central";
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final IngestHandler handler;
    private final EventStore store;
    private final IngestProgress progress;
    private final int groupMax;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Writer> writers = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean storeUnavailable;

    public MqttIngestClient(MqttConfig config, IngestConfig ingest, CentralConfig central, MqttBroker broker,
                            IngestHandler handler, EventStore store, CommandSigner signer, IngestProgress progress) {
        this.progress = progress;
        this.handler = handler;
        this.store = store;
        // half the window: while a writer stores one group, the broker is already sending the next, and Paho's
        // thread decodes it; a group of the whole window would leave the broker waiting for every commit
        this.groupMax = Math.max(1, config.receiveMaximum() / 2);
        String clientId = "central-" + central.resolveInstanceId();
        for (int i = 0; i < ingest.connections(); i++) {
            List<Subscription> subscriptions = i == 0
                    ? List.of(new Subscription(Topics.shared(SHARE_GROUP, Topics.EVENTS), 1),
                    // not shared: brokers do not deliver retained messages to shared subscriptions
                    new Subscription(Topics.allKiosks(Topics.STATUS), 1))
                    : List.of(new Subscription(Topics.shared(SHARE_GROUP, Topics.EVENTS), 1));
            SessionSettings settings = SessionSettings.of(broker.url(), i == 0 ? clientId : clientId + "-" + i)
                    .withLogin(broker.login().username(), broker.login().password())
                    // End the session on a clean stop, whether or not the id will be used again: a session left
                    // behind stays a member of the shared subscription, and a broker (Mosquitto) keeps handing it
                    // its share of every kiosk's events until it expires. Nothing is lost by ending it: the kiosks
                    // keep every event until it is acked and send it again, to the instances still running.
                    .withPersistentSession(config.sessionExpiry(), true)
                    .withTiming(config.keepAlive(), config.connectTimeout(), STOP_TIMEOUT)
                    .withReconnectDelays(config.reconnectMinDelay(), config.reconnectMaxDelay())
                    .withManualAcks(config.receiveMaximum())
                    .withSubscriptions(subscriptions);
            Connection connection = new Connection(settings, signer);
            connections.add(connection);
            writers.add(new Writer(connection.acks, config.receiveMaximum(), i));
        }
    }

    @PostConstruct
    void start() {
        writers.forEach(w -> w.thread.start());
        for (Connection c : connections) {
            LOG.info("MQTT ingest: connecting to {} as {}", c.session.settings().serverUrl(), c.session.clientId());
            c.session.start();
        }
    }

    /** Every connection connected and subscribed: messages flow. */
    public boolean isReady() {
        return connections.stream().allMatch(c -> c.session.isReady());
    }

    /** The client id of the first connection; the others add {@code -1}, {@code -2}, … */
    public String clientId() {
        return connections.get(0).session.clientId();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        writers.forEach(w -> w.thread.interrupt());
        for (Writer w : writers) {
            try {
                w.thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connections.forEach(c -> c.session.stop());
        LOG.info("MQTT ingest stopped");
    }

    /** Pauses ingest on every connection: the messages not yet acknowledged stay with the broker. */
    private void pauseUntilStoreIsBack() {
        storeUnavailable = true;
        connections.forEach(c -> c.session.reconnect("disconnected until the database is back"));
    }

    private Writer writerOf(KioskKey kiosk) {
        return writers.get(kiosk == null ? 0 : Math.floorMod(kiosk.hashCode(), writers.size()));
    }

    /** A message handed over by Paho and not yet acknowledged. */
    private record Pending(MqttSession.Received message, IngestHandler.Arrived arrived) {
    }

    /** One session in the shared subscription, with the acks that go out on it. */
    private final class Connection implements MqttSession.Listener {
        private final MqttSession session;
        private final AckPublisher acks;

        Connection(SessionSettings settings, CommandSigner signer) {
            this.session = new MqttSession(settings, "MQTT ingest " + settings.clientId(), this);
            this.acks = new AckPublisher(session, new ProtocolCodec(), signer::sign);
        }

        @Override
        public boolean mayConnect() {
            if (!storeUnavailable) {
                return true;
            }
            synchronized (MqttIngestClient.this) {
                if (storeUnavailable) {
                    if (!store.ping()) {
                        LOG.warn("ingest paused, the database is still unavailable");
                        return false;
                    }
                    storeUnavailable = false;
                    LOG.info("database is back: resuming MQTT ingest");
                }
            }
            return true;
        }

        @Override
        public void connected() {
            acks.drain();
        }

        @Override
        public void published() {
            acks.drain();
        }

        @Override
        public void messageArrived(MqttSession.Received message) {
            if (storeUnavailable) {
                return; // not acknowledged: the broker delivers it again after we reconnect
            }
            IngestHandler.Arrived arrived = handler.prepare(message.topic(), message.payload(), message.retained());
            BlockingQueue<Pending> queue = writerOf(IngestHandler.kioskOf(arrived)).pending;
            try {
                // a full queue holds Paho's thread (and so this connection) until the writer catches up
                while (!queue.offer(new Pending(message, arrived), 100, TimeUnit.MILLISECONDS)) {
                    if (stopping) {
                        return; // not acknowledged: the broker delivers it again
                    }
                }
                progress.arrived();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One writer: takes what has arrived for its kiosks (at most half the receive maximum), stores it in one
     * transaction, then acknowledges each message on the connection that brought it and publishes the kiosks' acks.
     */
    private final class Writer {
        private final AckPublisher acks;
        private final BlockingQueue<Pending> pending;
        private final Thread thread;

        Writer(AckPublisher acks, int receiveMaximum, int index) {
            this.acks = acks;
            this.pending = new LinkedBlockingQueue<>(4 * receiveMaximum);
            this.thread = new Thread(this::writeLoop, index == 0 ? "ingest-writer" : "ingest-writer-" + index);
            this.thread.setDaemon(true);
        }

        private void writeLoop() {
            List<Pending> group = new ArrayList<>();
            while (!stopping) {
                Pending first;
                try {
                    first = pending.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (first == null) {
                    continue;
                }
                group.clear();
                group.add(first);
                pending.drainTo(group, groupMax - 1);
                if (storeUnavailable) {
                    progress.leftWithBroker();
                    continue; // left unacknowledged: redelivered after the reconnect
                }
                List<AckRequest> toPublish;
                try {
                    toPublish = handler.handleAll(group.stream().map(Pending::arrived).toList());
                } catch (StoreUnavailableException e) {
                    pending.clear();
                    progress.leftWithBroker();
                    LOG.error("database unavailable: {} — leaving {} messages unacknowledged and pausing MQTT ingest",
                            e.getMessage(), group.size());
                    pauseUntilStoreIsBack();
                    continue;
                } catch (RuntimeException e) {
                    LOG.error("unexpected failure handling {} messages; dropping them: {}", group.size(), e.toString(),
                            e);
                    toPublish = List.of();
                }
                for (Pending p : group) {
                    // false when the connection dropped: the broker delivers it again, and storing it again is a no-op
                    p.message().acknowledge();
                }
                progress.handled(group.size());
                toPublish.forEach(acks::publish);
            }
        }
    }
}
