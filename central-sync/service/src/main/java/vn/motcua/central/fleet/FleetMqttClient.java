package vn.motcua.central.fleet;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.CentralConfig;
import vn.motcua.central.broker.MqttBroker;
import vn.motcua.central.broker.MqttConfig;
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.kiosklink.KioskDownlink;
import vn.motcua.central.kiosklink.TelemetryReceived;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.StoreException;
import vn.motcua.mqtt.MqttSession;
import vn.motcua.mqtt.SessionSettings;
import vn.motcua.mqtt.SessionSettings.Subscription;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.Telemetry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Central's second MQTT connection, apart from ingest: receives telemetry and command results (shared subscriptions,
 * so each message reaches one instance) and sends commands and site configurations, as the {@link KioskDownlink}.
 * <p>
 * The session is persistent ({@code cleanStart=false}, the configured session expiry) under a client id that stays
 * the same across restarts, so command results and QoS 1 telemetry that kiosks publish while central is down wait in
 * the broker and arrive when it comes back; otherwise a command answered meanwhile would stay pending. Connecting,
 * reconnecting and resubscribing are the shared {@link MqttSession}'s.
 */
@Context
public class FleetMqttClient implements KioskDownlink, MqttSession.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMqttClient.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final TelemetryStore telemetry;
    private final CommandStore commands;
    private final EventStore store;
    private final ApplicationEventPublisher<TelemetryReceived> telemetryEvents;
    private final SessionSettings settings;
    private final boolean sessionResumable;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock;
    private volatile MqttSession session;

    public FleetMqttClient(MqttConfig config, FleetConfig fleet, CentralConfig central, MqttBroker broker,
                           TelemetryStore telemetry, CommandStore commands, EventStore store,
                           ApplicationEventPublisher<TelemetryReceived> telemetryEvents,
                           @Property(name = "micronaut.server.port") @Nullable Integer httpPort, Clock clock) {
        this.clock = clock;
        this.telemetry = telemetry;
        this.commands = commands;
        this.store = store;
        this.telemetryEvents = telemetryEvents;
        String stable = stableClientId(fleet, central, hostName(), httpPort == null ? 8080 : httpPort);
        this.sessionResumable = stable != null;
        String clientId = stable != null ? stable : "central-fleet-" + UUID.randomUUID().toString().substring(0, 8);
        this.settings = SessionSettings.of(broker.url(), clientId)
                .withLogin(broker.login().username(), broker.login().password())
                // a random id is this process's own: nobody will resume it, so stopping ends it
                .withPersistentSession(config.sessionExpiry(), !sessionResumable)
                .withTiming(config.keepAlive(), config.connectTimeout(), STOP_TIMEOUT)
                .withReconnectDelays(config.reconnectMinDelay(), config.reconnectMaxDelay())
                // QoS 1 at most: a kiosk that publishes telemetry at QoS 1 has it kept for us while we are away
                .withSubscriptions(List.of(new Subscription(Topics.shared(fleet.shareGroup(), Topics.TELEMETRY), 1),
                        new Subscription(Topics.shared(fleet.shareGroup(), Topics.CMD_RESULT), 1)));
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
        return settings.clientId();
    }

    @PostConstruct
    public synchronized void start() {
        if (session != null) {
            return;
        }
        LOG.info("fleet MQTT: connecting to {} as {} (session kept {})", settings.serverUrl(), settings.clientId(),
                sessionResumable ? settings.sessionExpiry() : "for this process only");
        session = new MqttSession(settings, "fleet MQTT", this);
        session.start();
    }

    /** Disconnects, leaving the session with the broker (unless its id is this process's own) to resume on start. */
    @PreDestroy
    public synchronized void stop() {
        MqttSession s = session;
        session = null;
        if (s != null) {
            s.stop();
        }
    }

    @Override
    public boolean sendCommand(KioskKey kiosk, byte[] command) {
        return publish(Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.CMD), command, 1, false);
    }

    @Override
    public boolean sendConfig(KioskKey kiosk, byte[] config) {
        return publish(Topics.of(kiosk.siteId(), kiosk.kioskId(), Topics.CONFIG), config, 1, true);
    }

    private boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttSession s = session;
        return s != null && s.publish(topic, payload, qos, retained);
    }

    public boolean isConnected() {
        MqttSession s = session;
        return s != null && s.isConnected();
    }

    /** Connected and subscribed: telemetry and results flow. */
    public boolean isReady() {
        MqttSession s = session;
        return s != null && s.isReady();
    }

    @Override
    public void messageArrived(MqttSession.Received message) {
        String topic = message.topic();
        Topics.Address address;
        try {
            address = Topics.parse(topic);
        } catch (ProtocolException e) {
            return;
        }
        try {
            if (Topics.TELEMETRY.equals(address.suffix())) {
                Telemetry t = codec.decodeTelemetry(message.payload());
                long now = clock.millis();
                telemetry.record(address.siteId(), address.kioskId(), t, now);
                store.touch(address.siteId(), address.kioskId(), java.time.Instant.ofEpochMilli(now));
                telemetryEvents.publishEvent(new TelemetryReceived(address.siteId(), address.kioskId(),
                        t.configVersion(), t.countersSignedIn()));
            } else if (Topics.CMD_RESULT.equals(address.suffix())) {
                CommandResult r = codec.decodeCommandResult(message.payload());
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
}
