package vn.motcua.central.ingest;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.CentralConfig;
import vn.motcua.central.broker.CentralLogin;
import vn.motcua.central.broker.MqttBroker;
import vn.motcua.central.broker.MqttConfig;
import vn.motcua.central.command.CommandSigner;
import vn.motcua.central.store.EventStore;
import vn.motcua.mqtt.Backoff;
import vn.motcua.mqtt.CurrentClientOnly;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MQTT edge of ingest, on Paho v5 directly: a persistent session ({@code cleanStart=false}, non-zero expiry)
 * under a stable client id per instance, a shared subscription to every kiosk's events (so N instances split the
 * load) and a plain one to their status. Manual acks: {@code messageArrived} only hands a message to one writer
 * thread, which stores what has arrived together in one transaction and only then acknowledges each message, so a
 * crash or a database outage before that leaves them in our session and the broker delivers them again. (Paho v5
 * acknowledges a message even when {@code messageArrived} throws, so throwing cannot be used to refuse one.)
 * Reconnects are ours, with exponential back-off and jitter, forever.
 */
@Context
public class MqttIngestClient implements MqttCallback {
    public static final String SHARE_GROUP = "central";
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    private final MqttConfig config;
    private final IngestHandler handler;
    private final EventStore store;
    private final IngestProgress progress;
    private final String brokerUrl;
    private final CentralLogin login;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private final AckPublisher acks;
    private final Backoff reconnectBackoff;
    private final ScheduledExecutorService connector;
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private volatile boolean subscribed;
    private volatile boolean stopping;
    private volatile boolean storeUnavailable;
    private boolean connectedBefore;
    private final java.util.concurrent.BlockingQueue<Pending> pending;
    private final Thread writer;

    public MqttIngestClient(MqttConfig config, CentralConfig central, MqttBroker broker, IngestHandler handler,
                            EventStore store, CommandSigner signer, IngestProgress progress) throws MqttException {
        this.config = config;
        this.progress = progress;
        this.handler = handler;
        this.store = store;
        this.brokerUrl = broker.url();
        this.login = broker.login();
        this.clientId = "central-" + central.resolveInstanceId();
        this.client = newClient();
        this.acks = new AckPublisher(() -> client, new ProtocolCodec(), signer::sign);
        this.pending = new java.util.concurrent.LinkedBlockingQueue<>(4 * config.receiveMaximum());
        this.writer = new Thread(this::writeLoop, "ingest-writer");
        this.writer.setDaemon(true);
        this.reconnectBackoff = new Backoff(config.reconnectMinDelay(), config.reconnectMaxDelay());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connector");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A new Paho client for every connection. One client reused across reconnects keeps its table of outgoing topic
     * aliases and sends, on the new connection, an alias the broker has never seen; the broker disconnects it for a
     * protocol error, again and again. Unacknowledged messages stay with the broker's session, not with Paho.
     */
    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        c.setCallback(new CurrentClientOnly(c, () -> client, this));
        c.setManualAcks(true);
        return c;
    }

    private void replaceClient() throws MqttException {
        MqttAsyncClient previous = client;
        try {
            previous.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close of the previous client: {}", e.toString());
        }
        client = newClient();
    }

    @PostConstruct
    void start() {
        LOG.info("MQTT ingest: connecting to {} as {}", brokerUrl, clientId);
        writer.start();
        connector.execute(this::connect);
    }

    /** Connected and subscribed: messages flow. */
    public boolean isReady() {
        return subscribed && client.isConnected();
    }

    public String clientId() {
        return clientId;
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
        options.setReceiveMaximum(config.receiveMaximum());
        if (!login.username().isEmpty()) {
            options.setUserName(login.username());
        }
        if (!login.password().isEmpty()) {
            options.setPassword(login.password().getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    private void connect() {
        reconnectPending.set(false);
        if (stopping || client.isConnected()) {
            return;
        }
        if (storeUnavailable) {
            if (!store.ping()) {
                scheduleReconnect("ingest paused, the database is still unavailable");
                return;
            }
            storeUnavailable = false;
            LOG.info("database is back: resuming MQTT ingest");
        }
        try {
            if (connectedBefore) {
                replaceClient();
            }
            connectedBefore = true;
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    reconnectBackoff.reset();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    scheduleReconnect("cannot connect as " + clientId + ": " + describe(e));
                }
            });
        } catch (MqttException e) {
            scheduleReconnect("cannot connect as " + clientId + ": " + describe(e));
        }
    }

    private void scheduleReconnect(String why) {
        if (stopping || !reconnectPending.compareAndSet(false, true)) {
            return;
        }
        Duration delay = reconnectBackoff.next();
        LOG.warn("MQTT broker {}: {}; next attempt in {} ms", brokerUrl, why, delay.toMillis());
        try {
            connector.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reconnectPending.set(false); // shutting down
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        LOG.info("MQTT: connected to {} as {}", serverURI, clientId);
        subscribe();
    }

    private void subscribe() {
        MqttSubscription[] subscriptions = {
                new MqttSubscription(Topics.shared(SHARE_GROUP, Topics.EVENTS), 1),
                // not shared: brokers do not deliver retained messages to shared subscriptions
                new MqttSubscription(Topics.allKiosks(Topics.STATUS), 1)
        };
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length; i++) {
                        if (codes[i] >= 0x80) {
                            LOG.error("MQTT: broker refused subscription {} (reason code 0x{})",
                                    subscriptions[Math.min(i, subscriptions.length - 1)].getTopic(),
                                    Integer.toHexString(codes[i]));
                            resubscribeLater();
                            return;
                        }
                    }
                    subscribed = true;
                    LOG.info("MQTT: subscribed to {} and {}", subscriptions[0].getTopic(),
                            subscriptions[1].getTopic());
                    acks.drain();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.error("MQTT: subscription failed: {}", describe(e));
                    resubscribeLater();
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("MQTT: subscription failed: {}", describe(e));
            resubscribeLater();
        }
    }

    private void resubscribeLater() {
        if (!stopping) {
            connector.schedule(() -> {
                if (client.isConnected()) {
                    subscribe();
                }
            }, reconnectBackoff.next().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        handleArrived(client, topic, message);
    }

    private void handleArrived(MqttAsyncClient from, String topic, MqttMessage message) {
        if (storeUnavailable) {
            return; // not acknowledged: the broker delivers it again after we reconnect
        }
        try {
            pending.put(new Pending(from, message, handler.prepare(topic, message.getPayload(), message.isRetained())));
            progress.arrived();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A message handed over by Paho and not yet acknowledged. */
    private record Pending(MqttAsyncClient from, MqttMessage message, IngestHandler.Arrived arrived) {
    }

    /**
     * The one writer: takes what has arrived (at most the receive maximum, since the broker sends no more before we
     * acknowledge), stores it in one transaction, then acknowledges each message and publishes the kiosks' acks.
     */
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
            pending.drainTo(group, config.receiveMaximum() - 1);
            if (storeUnavailable) {
                progress.leftWithBroker();
                continue; // left unacknowledged: redelivered after the reconnect
            }
            List<AckRequest> toPublish;
            try {
                toPublish = handler.handleAll(group.stream().map(Pending::arrived).toList());
            } catch (StoreUnavailableException e) {
                storeUnavailable = true;
                pending.clear();
                progress.leftWithBroker();
                LOG.error("database unavailable: {} — leaving {} messages unacknowledged and pausing MQTT ingest",
                        e.getMessage(), group.size());
                connector.execute(this::disconnectUntilStoreIsBack);
                continue;
            } catch (RuntimeException e) {
                LOG.error("unexpected failure handling {} messages; dropping them: {}", group.size(), e.toString(), e);
                toPublish = List.of();
            }
            for (Pending p : group) {
                complete(p.from(), p.message());
            }
            progress.handled(group.size());
            toPublish.forEach(acks::publish);
        }
    }

    private void complete(MqttAsyncClient from, MqttMessage message) {
        if (message.getQos() == 0) {
            return;
        }
        try {
            from.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // the connection dropped: the broker will deliver the message again, and storing it again is a no-op
            LOG.debug("cannot acknowledge message {}: {}", message.getId(), e.toString());
        }
    }

    /** Drops the connection so the unacknowledged messages stay with the broker; reconnects once the store answers. */
    private void disconnectUntilStoreIsBack() {
        subscribed = false;
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_TIMEOUT_MILLIS).waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect: {}", e.toString());
        }
        scheduleReconnect("disconnected until the database is back");
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        acks.drain();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        subscribed = false;
        if (stopping) {
            return;
        }
        scheduleReconnect("connection lost: " + (response.getException() != null
                ? describe(response.getException())
                : "reason code " + response.getReturnCode() + " " + response.getReasonString()));
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        LOG.warn("MQTT error: {}", describe(e));
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication in use
    }

    @PreDestroy
    void stop() {
        stopping = true;
        connector.shutdownNow();
        writer.interrupt();
        try {
            writer.join(DISCONNECT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                // End the session, whether or not the id will be used again: a session left behind stays a member
                // of the shared subscription, and a broker (Mosquitto) keeps handing it its share of every kiosk's
                // events until it expires. Nothing is lost by ending it: the kiosks keep every event until it is
                // acked and send it again, to the instances still running.
                MqttProperties properties = new MqttProperties();
                properties.setSessionExpiryInterval(0L);
                client.disconnect(DISCONNECT_TIMEOUT_MILLIS, null, null, 0, properties)
                        .waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.toString());
        }
        LOG.info("MQTT ingest stopped");
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return e.getMessage() + (cause != e ? " (" + cause + ")" : "");
    }
}
