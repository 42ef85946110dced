package vn.motcua.agent.sync;

import jakarta.inject.Singleton;
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
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.config.MqttSettings;
import vn.motcua.agent.config.SyncSettings;
import vn.motcua.agent.status.HostInfo;
import vn.motcua.mqtt.CurrentClientOnly;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.message.KioskStatus;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only class that knows Paho. One MQTT v5 session per kiosk ({@code cleanStart=false}, session expiry from
 * configuration, in-memory Paho persistence: the outbox is the durable store). Keeps reconnecting forever with
 * exponential back-off and random jitter; on every connect it subscribes again and publishes the retained
 * {@code online:true} status; the Last Will publishes {@code online:false} if the connection dies.
 */
@Singleton
public class MqttTransport implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);
    private static final int QOS_1 = 1;

    /** What the publisher hears from the transport. Called on Paho's threads: keep it short. */
    public interface Listener {
        void connected();

        /** A message on the kiosk's {@code ack} topic, unread: anyone may have published it. */
        void ackArrived(byte[] payload);
    }

    private final MqttSettings mqtt;
    private final SyncSettings sync;
    private final ProtocolCodec codec;
    private final HostInfo host;
    private final String kiosk;
    private final String clientId;
    private final String siteId;
    private final String kioskId;
    private final String eventsTopic;
    private final String ackTopic;
    private final String statusTopic;
    private final String cmdTopic;
    private final String configTopic;
    private final OffsetDateTime startedAt;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-reconnect");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean connected;
    private volatile MqttAsyncClient client;
    private volatile Listener listener;

    public MqttTransport(KioskSettings kiosk, MqttSettings mqtt, SyncSettings sync, ProtocolCodec codec,
                         HostInfo host, Clock clock) {
        this.mqtt = mqtt;
        this.sync = sync;
        this.codec = codec;
        this.host = host;
        this.kiosk = kiosk.siteId() + "/" + kiosk.kioskId();
        this.siteId = kiosk.siteId();
        this.kioskId = kiosk.kioskId();
        this.clientId = new BrokerLogin(kiosk.siteId(), kiosk.kioskId()).clientId();
        this.eventsTopic = Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.EVENTS);
        this.ackTopic = Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.ACK);
        this.statusTopic = Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.STATUS);
        this.cmdTopic = Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.CMD);
        this.configTopic = Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.CONFIG);
        this.startedAt = OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    public void start(Listener listener) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        this.listener = listener;
        scheduleConnect(Duration.ZERO);
    }

    public boolean isConnected() {
        return connected;
    }

    public String brokerUrl() {
        return mqtt.url();
    }

    /**
     * Hands a batch to Paho (QoS 1). Returns false if it could not be queued now (not connected, Paho's queue full);
     * the publisher then tries again later, from the last acknowledged sequence if need be.
     */
    public boolean publishEvents(byte[] payload) {
        MqttAsyncClient c = client;
        if (c == null || !connected) {
            return false;
        }
        try {
            c.publish(eventsTopic, payload, QOS_1, false);
            return true;
        } catch (MqttException e) {
            LOG.debug("kiosk {}: publish on {} not accepted now ({})", kiosk, eventsTopic, e.getMessage());
            return false;
        }
    }

    /** Receives the messages central sends on {@code cmd} and {@code config}. Called on Paho's thread. */
    public interface InboundHandler {
        void handle(String suffix, byte[] payload);
    }

    private final java.util.Map<String, InboundHandler> inbound = new java.util.concurrent.ConcurrentHashMap<>();

    /** Registers the handler of one topic suffix ({@code cmd} or {@code config}). */
    public void onMessage(String suffix, InboundHandler handler) {
        inbound.put(suffix, handler);
    }

    /**
     * Publishes on one of this kiosk's own topics ({@code telemetry}, {@code cmd/result}); false if not connected
     * or Paho does not take it now.
     */
    public boolean publish(String suffix, byte[] payload, int qos) {
        MqttAsyncClient c = client;
        if (c == null || !connected) {
            return false;
        }
        try {
            c.publish(Topics.of(siteId, kioskId, suffix), payload, qos, false);
            return true;
        } catch (MqttException e) {
            LOG.debug("kiosk {}: publish on {} not accepted now ({})", kiosk, suffix, e.getMessage());
            return false;
        }
    }

    MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(sync.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) Math.max(1, sync.keepAlive().toSeconds()));
        o.setConnectionTimeout((int) Math.max(1, sync.connectTimeout().toSeconds()));
        // a password without a user name logs in as this kiosk, SITE.KIOSK, the login firmware-config provision made
        String username = mqtt.username() != null ? mqtt.username()
                : mqtt.password() != null ? BrokerLogin.username(siteId, kioskId) : null;
        if (username != null) {
            o.setUserName(username);
        }
        if (mqtt.password() != null) {
            o.setPassword(mqtt.password().getBytes(StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage(statusPayload(false));
        will.setQos(QOS_1);
        will.setRetained(true);
        o.setWill(statusTopic, will);
        return o;
    }

    private byte[] statusPayload(boolean online) {
        return codec.encode(new KioskStatus(online, host.version(), host.bootId(), startedAt));
    }

    private void scheduleConnect(Duration delay) {
        if (!running.get() || !reconnectPending.compareAndSet(false, true)) {
            return;
        }
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connect() {
        reconnectPending.set(false);
        MqttAsyncClient previous = client;
        if (!running.get() || previous != null && previous.isConnected()) {
            return;
        }
        MqttAsyncClient c;
        try {
            c = freshClient(previous);
        } catch (MqttException e) {
            retryLater(e);
            return;
        }
        try {
            c.connect(connectionOptions(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    failedAttempts.set(0);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater(e);
                }
            });
        } catch (MqttException e) {
            retryLater(e);
        }
    }

    /**
     * A new Paho client for every connection. One client reused across reconnects keeps its table of outgoing topic
     * aliases, and on the new connection it sends an alias the broker has never seen; the broker then disconnects it
     * for a protocol error, again and again. The outbox, not Paho, holds what must be resent.
     */
    private MqttAsyncClient freshClient(MqttAsyncClient previous) throws MqttException {
        if (previous != null) {
            try {
                previous.close(true);
            } catch (MqttException e) {
                LOG.debug("kiosk {}: closing the previous MQTT client: {}", kiosk, e.getMessage());
            }
        }
        MqttAsyncClient c = new MqttAsyncClient(mqtt.url(), clientId, new MemoryPersistence());
        c.setCallback(new CurrentClientOnly(c, () -> client, this));
        client = c;
        return c;
    }

    private void retryLater(Throwable cause) {
        Duration delay = backoff(failedAttempts.incrementAndGet());
        LOG.warn("kiosk {}: broker {} not reachable ({}); retrying in {} ms", kiosk, mqtt.url(),
                cause == null ? "unknown" : cause.getMessage(), delay.toMillis());
        scheduleConnect(delay);
    }

    /** Exponential back-off with "equal jitter": half the capped delay, plus a random share of the other half. */
    Duration backoff(long attempt) {
        long min = sync.reconnectMinDelay().toMillis();
        long max = sync.reconnectMaxDelay().toMillis();
        long capped = Math.min(max, min << Math.min(attempt - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connected = true;
        LOG.info("kiosk {}: connected to {} as {}", kiosk, serverUri, clientId);
        MqttAsyncClient c = client;
        try {
            c.subscribe(new MqttSubscription[]{new MqttSubscription(ackTopic, QOS_1),
                    new MqttSubscription(cmdTopic, QOS_1), new MqttSubscription(configTopic, QOS_1)}, null, null,
                    new MqttProperties());
            MqttMessage online = new MqttMessage(statusPayload(true));
            online.setQos(QOS_1);
            online.setRetained(true);
            c.publish(statusTopic, online);
        } catch (MqttException e) {
            LOG.warn("kiosk {}: subscribe/status after connect failed ({}); reconnecting", kiosk, e.getMessage());
        }
        Listener l = listener;
        if (l != null) {
            l.connected();
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connected = false;
        if (running.get()) {
            LOG.warn("kiosk {}: connection to {} lost ({})", kiosk, mqtt.url(), response);
            retryLater(response.getException());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (ackTopic.equals(topic)) {
            Listener l = listener;
            try {
                if (l != null) {
                    l.ackArrived(message.getPayload());
                }
            } catch (RuntimeException e) {
                LOG.warn("kiosk {}: handling a message on {} failed: {}", kiosk, topic, e.toString());
            }
        } else {
            String suffix = cmdTopic.equals(topic) ? Topics.CMD : configTopic.equals(topic) ? Topics.CONFIG : null;
            InboundHandler h = suffix == null ? null : inbound.get(suffix);
            if (h == null) {
                LOG.info("kiosk {}: received {} bytes on {} (not handled)", kiosk, message.getPayload().length, topic);
                return;
            }
            try {
                h.handle(suffix, message.getPayload());
            } catch (RuntimeException e) {
                LOG.warn("kiosk {}: handling {} failed: {}", kiosk, topic, e.toString());
            }
        }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // a PUBACK only says the broker has it; the outbox waits for central's ack
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        LOG.warn("kiosk {}: MQTT error: {}", kiosk, e.getMessage());
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /**
     * Drops the network connection without an MQTT DISCONNECT, as a crash or a pulled cable would: the broker then
     * publishes the Last Will. Reconnecting follows as after any loss.
     */
    public void dropConnection() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.warn("kiosk {}: forced disconnect failed: {}", kiosk, e.getMessage());
        }
        connected = false;
        retryLater(new IllegalStateException("connection dropped without DISCONNECT"));
    }

    /** Publishes the retained {@code online:false} status, disconnects cleanly and closes the client. */
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        scheduler.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        long waitMs = sync.shutdownTimeout().toMillis();
        try {
            if (c.isConnected()) {
                MqttMessage offline = new MqttMessage(statusPayload(false));
                offline.setQos(QOS_1);
                offline.setRetained(true);
                c.publish(statusTopic, offline).waitForCompletion(waitMs);
                c.disconnect(waitMs).waitForCompletion(waitMs);
                LOG.info("kiosk {}: offline status published, disconnected from {}", kiosk, mqtt.url());
            }
        } catch (MqttException e) {
            LOG.warn("kiosk {}: clean disconnect failed ({}); the Last Will reports the kiosk offline", kiosk,
                    e.getMessage());
        } finally {
            connected = false;
            try {
                c.close(true);
            } catch (MqttException e) {
                LOG.debug("kiosk {}: close: {}", kiosk, e.getMessage());
            }
        }
    }
}
