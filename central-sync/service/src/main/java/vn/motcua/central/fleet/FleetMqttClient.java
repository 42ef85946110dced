package vn.motcua.central.fleet;

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
import vn.motcua.central.broker.MqttBroker;
import vn.motcua.central.broker.MqttConfig;
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.StoreException;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.Telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Central's second MQTT connection, apart from ingest: receives telemetry and command results (shared subscriptions,
 * so each message reaches one instance) and publishes commands and site configurations. Telemetry is QoS 0 and
 * expendable, so this connection uses Paho's automatic reconnect and a clean session.
 */
@Context
public class FleetMqttClient implements MqttCallback {
    public static final String SHARE_GROUP = "central-fleet";
    private static final Logger LOG = LoggerFactory.getLogger(FleetMqttClient.class);

    private final MqttConfig config;
    private final TelemetryStore telemetry;
    private final CommandStore commands;
    private final EventStore store;
    private final MqttAsyncClient client;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile MqttConnectionOptions options;
    private volatile boolean stopping;

    public FleetMqttClient(MqttConfig config, CentralConfig central, MqttBroker broker, TelemetryStore telemetry,
                           CommandStore commands, EventStore store) throws MqttException {
        this.config = config;
        this.telemetry = telemetry;
        this.commands = commands;
        this.store = store;
        String id = central.instanceIdConfigured() ? central.instanceId() : UUID.randomUUID().toString().substring(0, 8);
        this.client = new MqttAsyncClient(broker.url(), "central-fleet-" + id, new MemoryPersistence());
        client.setCallback(this);
    }

    @PostConstruct
    void start() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, (int) Math.max(1, config.reconnectMaxDelay().toSeconds()));
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
        if (!config.username().isEmpty()) {
            options.setUserName(config.username());
        }
        if (!config.password().isEmpty()) {
            options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        this.options = options;
        connect();
    }

    /** Paho reconnects by itself only after a first connection has succeeded; until then, we retry. */
    private void connect() {
        if (stopping) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warn("fleet MQTT: cannot connect yet ({}); retrying", e.getMessage());
                    retry.schedule(FleetMqttClient.this::connect, config.reconnectMaxDelay().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            });
        } catch (MqttException e) {
            LOG.warn("fleet MQTT: cannot connect yet ({}); retrying", e.getMessage());
            retry.schedule(this::connect, config.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Hands a message to the broker; false when not connected now. */
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            client.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            LOG.warn("fleet MQTT: publish on {} failed: {}", topic, e.getMessage());
            return false;
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            client.subscribe(new MqttSubscription[]{
                    new MqttSubscription(Topics.shared(SHARE_GROUP, Topics.TELEMETRY), 0),
                    new MqttSubscription(Topics.shared(SHARE_GROUP, Topics.CMD_RESULT), 1)});
            LOG.info("fleet MQTT: connected to {}, subscribed to telemetry and command results", serverURI);
        } catch (MqttException e) {
            LOG.error("fleet MQTT: subscription failed: {}", e.getMessage());
        }
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
                store.touch(address.kioskId(), java.time.Instant.ofEpochMilli(now));
            } else if (Topics.CMD_RESULT.equals(address.suffix())) {
                CommandResult r = codec.decodeCommandResult(message.getPayload());
                if (!commands.recordResult(address.kioskId(), r.id(), r.ok(), r.message(), clock.millis())) {
                    LOG.warn("kiosk {}: result for unknown or already answered command {}", address.kioskId(), r.id());
                } else {
                    LOG.info("kiosk {}: command {} {}: {}", address.kioskId(), r.id(), r.ok() ? "done" : "refused",
                            r.message());
                }
            }
        } catch (ProtocolException e) {
            LOG.warn("kiosk {}: bad {} message: {}", address.kioskId(), address.suffix(), e.getMessage());
        } catch (StoreException e) {
            LOG.warn("kiosk {}: {} not stored: {}", address.kioskId(), address.suffix(), e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.warn("fleet MQTT: disconnected ({}); reconnecting", response.getReasonString());
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

    @PreDestroy
    void stop() {
        stopping = true;
        retry.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("fleet MQTT close: {}", e.toString());
        }
    }
}
