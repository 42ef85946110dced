package vn.motcua.agent.sync;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.config.MqttSettings;
import vn.motcua.agent.config.SyncSettings;
import vn.motcua.agent.status.HostInfo;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.mqtt.MqttSession;
import vn.motcua.mqtt.SessionSettings;
import vn.motcua.mqtt.SessionSettings.Publication;
import vn.motcua.mqtt.SessionSettings.Subscription;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kiosk's MQTT edge, over the shared {@link MqttSession}: one persistent session per kiosk
 * ({@code cleanStart=false}, session expiry from configuration; the outbox, not Paho, is the durable store). On every
 * connect the session subscribes again to {@code ack}, {@code cmd} and {@code config}, then this publishes the
 * retained {@code online:true} status; the Last Will publishes {@code online:false} if the connection dies.
 */
@Singleton
public class MqttTransport implements MqttSession.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);
    private static final int QOS_1 = 1;

    /** What the publisher hears from the transport. Called on Paho's threads: keep it short. */
    public interface Listener {
        void connected();

        /** A message on the kiosk's {@code ack} topic, unread: anyone may have published it. */
        void ackArrived(byte[] payload);
    }

    /** Receives the messages central sends on {@code cmd} and {@code config}. Called on Paho's thread. */
    public interface InboundHandler {
        void handle(String suffix, byte[] payload);
    }

    private final MqttSettings mqtt;
    private final ProtocolCodec codec;
    private final HostInfo host;
    private final KioskHealth health;
    private final String kiosk;
    private final String siteId;
    private final String kioskId;
    private final String eventsTopic;
    private final String ackTopic;
    private final String statusTopic;
    private final String cmdTopic;
    private final String configTopic;
    private final OffsetDateTime startedAt;
    private final MqttSession session;
    private final Map<String, InboundHandler> inbound = new ConcurrentHashMap<>();
    private volatile Listener listener;

    public MqttTransport(KioskSettings kiosk, MqttSettings mqtt, SyncSettings sync, ProtocolCodec codec,
                         HostInfo host, Clock clock, KioskHealth health) {
        this.mqtt = mqtt;
        this.codec = codec;
        this.host = host;
        this.health = health;
        this.kiosk = kiosk.siteId() + "/" + kiosk.kioskId();
        this.siteId = kiosk.siteId();
        this.kioskId = kiosk.kioskId();
        this.eventsTopic = Topics.of(siteId, kioskId, Topics.EVENTS);
        this.ackTopic = Topics.of(siteId, kioskId, Topics.ACK);
        this.statusTopic = Topics.of(siteId, kioskId, Topics.STATUS);
        this.cmdTopic = Topics.of(siteId, kioskId, Topics.CMD);
        this.configTopic = Topics.of(siteId, kioskId, Topics.CONFIG);
        this.startedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        // a password without a user name logs in as this kiosk, SITE.KIOSK, the login firmware-config provision made
        String username = mqtt.username() != null ? mqtt.username()
                : mqtt.password() != null ? BrokerLogin.username(siteId, kioskId) : null;
        SessionSettings settings = SessionSettings.of(mqtt.url(), new BrokerLogin(siteId, kioskId).clientId())
                .withLogin(username, mqtt.password())
                .withPersistentSession(sync.sessionExpiry(), false)
                .withTiming(sync.keepAlive(), sync.connectTimeout(), sync.shutdownTimeout())
                .withReconnectDelays(sync.reconnectMinDelay(), sync.reconnectMaxDelay())
                .withWill(status(false))
                .withSubscriptions(List.of(new Subscription(ackTopic, QOS_1),
                        new Subscription(cmdTopic, QOS_1),
                        new Subscription(configTopic, QOS_1)));
        this.session = new MqttSession(settings, "kiosk " + this.kiosk, this);
    }

    public void start(Listener listener) {
        this.listener = listener;
        session.start();
    }

    /** Connected and subscribed to this kiosk's topics. */
    public boolean isConnected() {
        return session.isReady();
    }

    public String brokerUrl() {
        return mqtt.url();
    }

    /**
     * Hands a batch to Paho (QoS 1). Returns false if it could not be queued now (not connected, Paho's queue full);
     * the publisher then tries again later, from the last acknowledged sequence if need be.
     */
    public boolean publishEvents(byte[] payload) {
        return session.isReady() && session.publish(eventsTopic, payload, QOS_1, false);
    }

    /** Registers the handler of one topic suffix ({@code cmd} or {@code config}). */
    public void onMessage(String suffix, InboundHandler handler) {
        inbound.put(suffix, handler);
    }

    /**
     * Publishes on one of this kiosk's own topics ({@code telemetry}, {@code cmd/result}); false if not connected
     * or Paho does not take it now.
     */
    public boolean publish(String suffix, byte[] payload, int qos) {
        return session.isReady() && session.publish(Topics.of(siteId, kioskId, suffix), payload, qos, false);
    }

    private Publication status(boolean online) {
        return new Publication(statusTopic, codec.encode(new KioskStatus(online, host.version(), host.bootId(),
                startedAt)), QOS_1, true);
    }

    @Override
    public void connected() {
        health.centralLink(true);
        Publication online = status(true);
        if (!session.publish(online.topic(), online.payload(), online.qos(), online.retained())) {
            LOG.warn("kiosk {}: online status not published after connect", kiosk);
        }
        Listener l = listener;
        if (l != null) {
            l.connected();
        }
    }

    @Override
    public void connectionLost(String why) {
        health.centralLink(false);
    }

    @Override
    public void messageArrived(MqttSession.Received message) {
        String topic = message.topic();
        if (ackTopic.equals(topic)) {
            Listener l = listener;
            if (l != null) {
                l.ackArrived(message.payload());
            }
            return;
        }
        String suffix = cmdTopic.equals(topic) ? Topics.CMD : configTopic.equals(topic) ? Topics.CONFIG : null;
        InboundHandler h = suffix == null ? null : inbound.get(suffix);
        if (h == null) {
            LOG.info("kiosk {}: received {} bytes on {} (not handled)", kiosk, message.payload().length, topic);
            return;
        }
        h.handle(suffix, message.payload());
    }

    /**
     * Drops the network connection without an MQTT DISCONNECT, as a crash or a pulled cable would: the broker then
     * publishes the Last Will. Reconnecting follows as after any loss.
     */
    public void dropConnection() {
        session.dropConnection();
        health.centralLink(false);
    }

    /** Publishes the retained {@code online:false} status, disconnects cleanly and closes the client. */
    public void stop() {
        session.stop(status(false));
        health.centralLink(false);
    }
}
