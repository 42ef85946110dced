package vn.motcua.central.fleet;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
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
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.StoreException;
import vn.motcua.mqtt.Backoff;
import vn.motcua.mqtt.CurrentClientOnly;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.Telemetry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Central's second MQTT connection, apart from ingest: receives telemetry and command results (shared subscriptions,
 * so each message reaches one instance) and publishes commands and site configurations.
 * <p>
 * The session is persistent ({@code cleanStart=false}, the configured session expiry) under a client id that stays
 * the same across restarts, so command results and QoS 1 telemetry that kiosks publish while central is down wait in
 * the broker and arrive when it comes back; otherwise a command answered meanwhile would stay pending. Reconnects are
 * ours, with back-off and jitter, and each connection gets a new Paho client: a reused one keeps its outgoing topic
 * aliases, which a new connection does not know.
 */
@Context
public class FleetMqttClient implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMqttClient.class);
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    private final MqttConfig config;
    private final FleetConfig fleet;
    private final TelemetryStore telemetry;
    private final CommandStore commands;
    private final EventStore store;
    private final ApplicationEventPublisher<TelemetryReceived> telemetryEvents;
    private final String brokerUrl;
    private final CentralLogin login;
    private final String clientId;
    private final boolean sessionResumable;
    private final Backoff backoff;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private volatile ScheduledExecutorService connector;
    private volatile MqttAsyncClient client;
    private volatile boolean subscribed;
    private volatile boolean stopping = true;

    public FleetMqttClient(MqttConfig config, FleetConfig fleet, CentralConfig central, MqttBroker broker,
                           TelemetryStore telemetry, CommandStore commands, EventStore store,
                           ApplicationEventPublisher<TelemetryReceived> telemetryEvents,
                           @Property(name = "micronaut.server.port") @Nullable Integer httpPort) {
        this.config = config;
        this.fleet = fleet;
        this.telemetry = telemetry;
        this.commands = commands;
        this.store = store;
        this.telemetryEvents = telemetryEvents;
        this.brokerUrl = broker.url();
        this.login = broker.login();
        String stable = stableClientId(fleet, central, hostName(), httpPort == null ? 8080 : httpPort);
        this.sessionResumable = stable != null;
        this.clientId = stable != null ? stable : "central-fleet-" + UUID.randomUUID().toString().substring(0, 8);
        this.backoff = new Backoff(config.reconnectMinDelay(), config.reconnectMaxDelay());
    }

    /**
     * The configured id, else one made of the instance id, else of the host name and HTTP port; null when none of
     * them is known (a random HTTP port), and the session cannot outlive this process.
     */
    static String stableClientId(FleetConfig fleet, CentralConfig central, String host, int httpPort) {
        if (!fleet.mqttClientId().isEmpty()) {
            return fleet.mqttClientId();
        }
        if (central.instanceIdConfigured()) {
            return "central-fleet-" + central.instanceId();
        }
        if (host == null || host.isEmpty() || httpPort <= 0) {
            return null;
        }
        return "central-fleet-" + host + "-" + httpPort;
    }

    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "");
        }
        String clean = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    public String clientId() {
        return clientId;
    }

    @PostConstruct
    public synchronized void start() {
        if (!stopping) {
            return;
        }
        stopping = false;
        connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-mqtt-connect");
            t.setDaemon(true);
            return t;
        });
        LOG.info("fleet MQTT: connecting to {} as {} (session kept {})", brokerUrl, clientId,
                sessionResumable ? config.sessionExpiry() : "for this process only");
        connector.execute(this::connect);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
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
        if (stopping || (client != null && client.isConnected())) {
            return;
        }
        try {
            MqttAsyncClient previous = client;
            if (previous != null) {
                closeQuietly(previous);
            }
            MqttAsyncClient next = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
            next.setCallback(new CurrentClientOnly(next, () -> client, this));
            client = next;
            next.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    scheduleReconnect("cannot connect as " + clientId + ": " + e.getMessage());
                }
            });
        } catch (MqttException e) {
            scheduleReconnect("cannot connect as " + clientId + ": " + e.getMessage());
        }
    }

    private void scheduleReconnect(String why) {
        if (stopping || !reconnectPending.compareAndSet(false, true)) {
            return;
        }
        Duration delay = backoff.next();
        LOG.warn("fleet MQTT {}: {}; next attempt in {} ms", brokerUrl, why, delay.toMillis());
        try {
            connector.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            reconnectPending.set(false); // stopping
        }
    }

    /** Hands a message to the broker; false when not connected now. */
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return false;
        }
        try {
            c.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            LOG.warn("fleet MQTT: publish on {} failed: {}", topic, e.getMessage());
            return false;
        }
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** Connected and subscribed: telemetry and results flow. */
    public boolean isReady() {
        return subscribed && isConnected();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // the session keeps the subscriptions, but one that expired or a broker that lost it needs them again
        MqttSubscription[] subscriptions = {
                // QoS 1 at most: a kiosk that publishes telemetry at QoS 1 has it kept for us while we are away
                new MqttSubscription(Topics.shared(fleet.shareGroup(), Topics.TELEMETRY), 1),
                new MqttSubscription(Topics.shared(fleet.shareGroup(), Topics.CMD_RESULT), 1)};
        try {
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribed = true;
                    LOG.info("fleet MQTT: connected to {} as {}, subscribed to {} and {}", serverURI, clientId,
                            subscriptions[0].getTopic(), subscriptions[1].getTopic());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.error("fleet MQTT: subscription failed: {}; reconnecting", e.getMessage());
                    dropConnection();
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("fleet MQTT: subscription failed: {}; reconnecting", e.getMessage());
            dropConnection();
        }
    }

    private void dropConnection() {
        subscribed = false;
        MqttAsyncClient c = client;
        try {
            if (c != null && c.isConnected()) {
                c.disconnect(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            LOG.debug("fleet MQTT disconnect: {}", e.toString());
        }
        scheduleReconnect("subscription failed");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Topics.Address address;
        try {
            address = Topics.parse(topic);
        } catch (ProtocolException e) {
            return;
        }
        try {
            if (Topics.TELEMETRY.equals(address.suffix())) {
                Telemetry t = codec.decodeTelemetry(message.getPayload());
                long now = clock.millis();
                telemetry.record(address.siteId(), address.kioskId(), t, now);
                store.touch(address.siteId(), address.kioskId(), java.time.Instant.ofEpochMilli(now));
                telemetryEvents.publishEvent(new TelemetryReceived(address.siteId(), address.kioskId(),
                        t.configVersion()));
            } else if (Topics.CMD_RESULT.equals(address.suffix())) {
                CommandResult r = codec.decodeCommandResult(message.getPayload());
                CommandStore.ResultOutcome outcome = commands.recordResult(address.siteId(), address.kioskId(),
                        r.id(), r.ok(), r.message(), clock.millis());
                if (outcome == CommandStore.ResultOutcome.RECORDED) {
                    LOG.info("kiosk {}/{}: command {} {}: {}", address.siteId(), address.kioskId(), r.id(),
                            r.ok() ? "done" : "refused", r.message());
                } else {
                    // only the kiosk a pending command was sent to answers it, once: anything else is counted
                    LOG.warn("kiosk {}/{}: result for command {} ignored: {}", address.siteId(), address.kioskId(),
                            r.id(), outcome.description());
                    store.recordRejection(outcome.reasonCode());
                }
            }
        } catch (ProtocolException e) {
            LOG.warn("kiosk {}/{}: bad {} message: {}", address.siteId(), address.kioskId(), address.suffix(),
                    e.getMessage());
        } catch (StoreException e) {
            LOG.warn("kiosk {}/{}: {} not stored: {}", address.siteId(), address.kioskId(), address.suffix(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // a failure here would otherwise reach Paho and drop the connection
            LOG.error("kiosk {}/{}: {} not handled: {}", address.siteId(), address.kioskId(), address.suffix(),
                    e.toString(), e);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        subscribed = false;
        if (!stopping) {
            scheduleReconnect("connection lost: " + (response.getException() != null
                    ? response.getException().getMessage()
                    : "reason code " + response.getReturnCode() + " " + response.getReasonString()));
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        LOG.warn("fleet MQTT error: {}", e.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    /** Disconnects, leaving the session with the broker (unless its id is this process's own) to resume on start. */
    @PreDestroy
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        subscribed = false;
        connector.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                MqttProperties properties = new MqttProperties();
                if (!sessionResumable) {
                    properties.setSessionExpiryInterval(0L); // nobody will resume a random id
                }
                c.disconnect(DISCONNECT_TIMEOUT_MILLIS, null, null, 0, properties)
                        .waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (MqttException e) {
            LOG.debug("fleet MQTT disconnect: {}", e.toString());
        }
        closeQuietly(c);
        LOG.info("fleet MQTT stopped");
    }

    private static void closeQuietly(MqttAsyncClient c) {
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("fleet MQTT close: {}", e.toString());
        }
    }

}
