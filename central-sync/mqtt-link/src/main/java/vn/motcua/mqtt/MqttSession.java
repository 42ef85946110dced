package vn.motcua.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One MQTT v5 session kept up for its owner: connects, reconnects forever with back-off and jitter, subscribes again
 * on every connection, publishes, and stops. Paho's own automatic reconnect is off; the owner only hears
 * {@link Listener} callbacks, and only from the current connection.
 * <p>
 * A new Paho client for every connection. One client reused across reconnects keeps its table of outgoing topic
 * aliases, and on the new connection it sends an alias the broker has never seen; the broker then disconnects it for
 * a protocol error, again and again. What must survive a reconnect lives in the owner's store or in the broker's
 * session, never in Paho (its persistence is in memory).
 * <p>
 * One session can be started once; build another to start again.
 */
public final class MqttSession {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);

    /** What the owner hears. Called on Paho's or the session's thread: keep it short. */
    public interface Listener {
        /** Connected, and every subscription granted on this connection. */
        default void connected() {
        }

        /**
         * A message on one of the subscriptions (shared ones too: the session listens with one global callback,
         * which Paho also calls for {@code $share/...} filters). With manual acks it stays unacknowledged until
         * {@link Received#acknowledge()}.
         */
        void messageArrived(Received message);

        /** The connection is gone (lost, refused, or closed by {@link #reconnect}); a new one follows. */
        default void connectionLost(String why) {
        }

        /** A QoS 1 publication of ours was acknowledged by the broker: there is room in the in-flight window. */
        default void published() {
        }

        /** Asked before each connection attempt; false waits one back-off step and asks again. */
        default boolean mayConnect() {
            return true;
        }
    }

    /** A received message, tied to the connection that brought it: its acknowledgement can only go back there. */
    public static final class Received {
        private final MqttAsyncClient from;
        private final String topic;
        private final MqttMessage message;
        private final boolean manual;

        private Received(MqttAsyncClient from, String topic, MqttMessage message, boolean manual) {
            this.from = from;
            this.topic = topic;
            this.message = message;
            this.manual = manual;
        }

        public String topic() {
            return topic;
        }

        public byte[] payload() {
            return message.getPayload();
        }

        public boolean retained() {
            return message.isRetained();
        }

        public int qos() {
            return message.getQos();
        }

        /**
         * Tells the broker we have the message (manual acks only; otherwise Paho did on arrival). False when the
         * connection that brought it is gone: the broker then delivers it again in the resumed session.
         */
        public boolean acknowledge() {
            if (!manual || message.getQos() == 0) {
                return true;
            }
            try {
                from.messageArrivedComplete(message.getId(), message.getQos());
                return true;
            } catch (MqttException e) {
                LOG.debug("cannot acknowledge message {} on {}: {}", message.getId(), topic, e.toString());
                return false;
            }
        }
    }

    private final SessionSettings settings;
    private final String name;
    private final Listener listener;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean running;
    private volatile MqttAsyncClient client;
    /** The client whose subscriptions were granted; ready while it is the current, connected one. */
    private volatile MqttAsyncClient subscribed;

    /**
     * @param name what the logs and the session's thread call this session, e.g. {@code fleet MQTT}
     */
    public MqttSession(SessionSettings settings, String name, Listener listener) {
        this.settings = settings;
        this.name = name;
        this.listener = listener;
        this.backoff = new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-session " + name);
            t.setDaemon(true);
            return t;
        });
    }

    public SessionSettings settings() {
        return settings;
    }

    public String clientId() {
        return settings.clientId();
    }

    public void start() {
        if (stopped.get() || !started.compareAndSet(false, true)) {
            return;
        }
        running = true;
        scheduleConnect(Duration.ZERO);
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** Connected and subscribed: messages flow. */
    public boolean isReady() {
        MqttAsyncClient c = client;
        return c != null && subscribed == c && c.isConnected();
    }

    /**
     * Hands a message to Paho. False when it cannot be sent now (not connected, or the in-flight window is full:
     * {@link Listener#published()} says when there is room again); the owner keeps it and tries again.
     */
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            return false;
        }
        try {
            c.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                LOG.debug("{}: publish on {} not accepted now: {}", name, topic, e.getMessage());
            }
            return false;
        }
    }

    /** Closes the connection with a DISCONNECT and connects again after a back-off step (asking mayConnect). */
    public void reconnect(String why) {
        execute(() -> {
            subscribed = null;
            MqttAsyncClient c = client;
            try {
                if (c != null && c.isConnected()) {
                    long wait = settings.stopTimeout().toMillis();
                    c.disconnect(wait).waitForCompletion(wait);
                }
            } catch (MqttException e) {
                LOG.debug("{}: disconnect: {}", name, e.toString());
            }
            listener.connectionLost(why);
            retryLater(why);
        });
    }

    /**
     * Drops the network connection without a DISCONNECT, as a crash or a pulled cable would: the broker then
     * publishes the Last Will. Reconnecting follows as after any loss.
     */
    public void dropConnection() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        subscribed = null;
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.warn("{}: forced disconnect failed: {}", name, e.getMessage());
        }
        listener.connectionLost("connection dropped without DISCONNECT");
        retryLater("connection dropped without DISCONNECT");
    }

    public void stop() {
        stop(null);
    }

    /**
     * Stops reconnecting, publishes {@code lastWords} (if any, and if connected) and waits for it, disconnects
     * (ending the session at the broker when the settings say so) and closes the client.
     */
    public void stop(SessionSettings.Publication lastWords) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        running = false;
        subscribed = null;
        scheduler.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        long wait = settings.stopTimeout().toMillis();
        try {
            if (c.isConnected()) {
                if (lastWords != null) {
                    c.publish(lastWords.topic(), message(lastWords)).waitForCompletion(wait);
                }
                MqttProperties properties = new MqttProperties();
                if (settings.endSessionOnStop()) {
                    properties.setSessionExpiryInterval(0L);
                }
                c.disconnect(wait, null, null, 0, properties).waitForCompletion(wait);
            }
        } catch (MqttException e) {
            LOG.warn("{}: clean disconnect from {} failed: {}", name, settings.serverUrl(), e.getMessage());
        } finally {
            closeQuietly(c);
        }
        LOG.info("{}: stopped", name);
    }

    MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!settings.persistent());
        if (settings.persistent()) {
            o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        }
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) Math.max(1, settings.keepAlive().toSeconds()));
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        if (settings.receiveMaximum() > 0) {
            o.setReceiveMaximum(settings.receiveMaximum());
        }
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.will() != null) {
            o.setWill(settings.will().topic(), message(settings.will()));
        }
        return o;
    }

    private static MqttMessage message(SessionSettings.Publication p) {
        MqttMessage m = new MqttMessage(p.payload());
        m.setQos(p.qos());
        m.setRetained(p.retained());
        return m;
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    private void scheduleConnect(Duration delay) {
        if (!running || !reconnectPending.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            reconnectPending.set(false); // stopped
        }
    }

    private void retryLater(String why) {
        if (!running || reconnectPending.get()) {
            return;
        }
        Duration delay = backoff.next();
        LOG.warn("{}: broker {}: {}; next attempt in {} ms", name, settings.serverUrl(), why, delay.toMillis());
        scheduleConnect(delay);
    }

    private void connect() {
        reconnectPending.set(false);
        MqttAsyncClient previous = client;
        if (!running || previous != null && previous.isConnected()) {
            return;
        }
        if (!listener.mayConnect()) {
            retryLater("not connecting yet");
            return;
        }
        if (previous != null) {
            closeQuietly(previous);
        }
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.serverUrl(), settings.clientId(), new MemoryPersistence());
            c.setCallback(new CurrentClientOnly(c, () -> client, new Callbacks(c)));
            c.setManualAcks(settings.manualAcks());
            client = c;
            c.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    backoff.reset();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater("cannot connect as " + settings.clientId() + ": " + describe(e));
                }
            });
        } catch (MqttException e) {
            retryLater("cannot connect as " + settings.clientId() + ": " + describe(e));
        }
    }

    private void subscribe(MqttAsyncClient c) {
        List<SessionSettings.Subscription> wanted = settings.subscriptions();
        if (wanted.isEmpty()) {
            ready(c);
            return;
        }
        MqttSubscription[] subscriptions = wanted.stream()
                .map(s -> new MqttSubscription(s.filter(), s.qos())).toArray(MqttSubscription[]::new);
        try {
            c.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length; i++) {
                        if (codes[i] >= 0x80) {
                            LOG.error("{}: broker refused subscription {} (reason code 0x{}); reconnecting", name,
                                    wanted.get(Math.min(i, wanted.size() - 1)).filter(), Integer.toHexString(codes[i]));
                            reconnect("subscription refused");
                            return;
                        }
                    }
                    ready(c);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.error("{}: subscription failed: {}; reconnecting", name, describe(e));
                    reconnect("subscription failed");
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("{}: subscription failed: {}; reconnecting", name, describe(e));
            reconnect("subscription failed");
        }
    }

    private void ready(MqttAsyncClient c) {
        if (c != client) {
            return;
        }
        subscribed = c;
        LOG.info("{}: connected to {} as {}{}", name, settings.serverUrl(), settings.clientId(),
                settings.subscriptions().isEmpty() ? "" : ", subscribed to " + settings.subscriptions().stream()
                        .map(SessionSettings.Subscription::filter).toList());
        listener.connected();
    }

    private static void closeQuietly(MqttAsyncClient c) {
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.toString());
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return e.getMessage() + (cause != e ? " (" + cause + ")" : "");
    }

    /** Paho's callbacks, passed on (by {@link CurrentClientOnly}) only while they come from the current client. */
    private final class Callbacks implements MqttCallback {
        private final MqttAsyncClient owner;

        Callbacks(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            subscribe(owner);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                listener.messageArrived(new Received(owner, topic, message, settings.manualAcks()));
            } catch (RuntimeException e) {
                // thrown back to Paho it would drop the connection, and acknowledge the message all the same
                LOG.error("{}: handling a message on {} failed: {}", name, topic, e.toString(), e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            listener.published();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            subscribed = null;
            if (!running) {
                return;
            }
            String why = "connection lost: " + (response.getException() != null
                    ? describe(response.getException())
                    : "reason code " + response.getReturnCode() + " " + response.getReasonString());
            listener.connectionLost(why);
            retryLater(why);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("{}: MQTT error: {}", name, describe(e));
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
