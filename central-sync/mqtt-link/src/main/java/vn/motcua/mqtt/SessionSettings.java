package vn.motcua.mqtt;

import java.time.Duration;
import java.util.List;

/**
 * How an {@link MqttSession} connects. Start from {@link #of(String, String)} (a clean session, automatic acks, no
 * login, no Will, nothing subscribed) and change what differs with the {@code with…} methods.
 *
 * @param serverUrl         broker, e.g. {@code tcp://broker:1883}
 * @param clientId          MQTT client id; a persistent session is found again by it
 * @param username          broker login; null or blank for none
 * @param password          its password; null or blank for none
 * @param sessionExpiry     zero: a clean session per connection; otherwise {@code cleanStart=false} and the broker
 *                          keeps the session (subscriptions, unacknowledged QoS 1 messages) this long while away
 * @param endSessionOnStop  whether {@link MqttSession#stop} ends the session at the broker (expiry 0 on DISCONNECT)
 * @param keepAlive         MQTT keep-alive
 * @param connectTimeout    how long one connection attempt may take
 * @param reconnectMinDelay first reconnect delay; doubles per failure up to {@code reconnectMaxDelay}, with jitter
 * @param reconnectMaxDelay cap of the reconnect delay
 * @param receiveMaximum    QoS 1 messages the broker may send before we acknowledge them; 0 leaves Paho's default
 * @param manualAcks        whether a received message is acknowledged only by {@link MqttSession.Received#acknowledge}
 * @param will              the Last Will, published by the broker when the connection dies without DISCONNECT; null
 *                          for none
 * @param subscriptions     subscribed again on every connection, before the listener hears {@code connected}
 * @param stopTimeout       how long {@link MqttSession#stop} waits for its last publication and the DISCONNECT
 */
public record SessionSettings(
        String serverUrl,
        String clientId,
        String username,
        String password,
        Duration sessionExpiry,
        boolean endSessionOnStop,
        Duration keepAlive,
        Duration connectTimeout,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        int receiveMaximum,
        boolean manualAcks,
        Publication will,
        List<Subscription> subscriptions,
        Duration stopTimeout) {

    /** A topic filter to subscribe to, with its maximum QoS. */
    public record Subscription(String filter, int qos) {
    }

    /** A message to publish: the Last Will, or the last words before a clean stop. */
    public record Publication(String topic, byte[] payload, int qos, boolean retained) {
    }

    public SessionSettings {
        if (serverUrl == null || serverUrl.isBlank()) {
            throw new IllegalArgumentException("MQTT server URL is blank");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("MQTT client id is blank");
        }
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
        sessionExpiry = sessionExpiry == null ? Duration.ZERO : sessionExpiry;
        if (sessionExpiry.isNegative() || sessionExpiry.toSeconds() > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("MQTT session expiry must be 0 to 4294967294 seconds, was "
                    + sessionExpiry);
        }
        positive("keep-alive", keepAlive);
        positive("connect-timeout", connectTimeout);
        positive("reconnect-min-delay", reconnectMinDelay);
        if (reconnectMaxDelay == null || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("MQTT reconnect-max-delay must be at least reconnect-min-delay");
        }
        if (receiveMaximum < 0 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("MQTT receive maximum must be 0-65535, was " + receiveMaximum);
        }
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        positive("stop-timeout", stopTimeout);
    }

    public static SessionSettings of(String serverUrl, String clientId) {
        return new SessionSettings(serverUrl, clientId, null, null, Duration.ZERO, false, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30), 0, false, null, List.of(),
                Duration.ofSeconds(5));
    }

    public boolean persistent() {
        return !sessionExpiry.isZero();
    }

    public SessionSettings withLogin(String username, String password) {
        return new SessionSettings(serverUrl, clientId, username, password, sessionExpiry, endSessionOnStop,
                keepAlive, connectTimeout, reconnectMinDelay, reconnectMaxDelay, receiveMaximum, manualAcks, will,
                subscriptions, stopTimeout);
    }

    /** {@code cleanStart=false}: the broker keeps the session {@code expiry} long while the client is away. */
    public SessionSettings withPersistentSession(Duration expiry, boolean endOnStop) {
        return new SessionSettings(serverUrl, clientId, username, password, expiry, endOnStop,
                keepAlive, connectTimeout, reconnectMinDelay, reconnectMaxDelay, receiveMaximum, manualAcks, will,
                subscriptions, stopTimeout);
    }

    public SessionSettings withTiming(Duration keepAlive, Duration connectTimeout, Duration stopTimeout) {
        return new SessionSettings(serverUrl, clientId, username, password, sessionExpiry, endSessionOnStop,
                keepAlive, connectTimeout, reconnectMinDelay, reconnectMaxDelay, receiveMaximum, manualAcks, will,
                subscriptions, stopTimeout);
    }

    public SessionSettings withReconnectDelays(Duration min, Duration max) {
        return new SessionSettings(serverUrl, clientId, username, password, sessionExpiry, endSessionOnStop,
                keepAlive, connectTimeout, min, max, receiveMaximum, manualAcks, will, subscriptions, stopTimeout);
    }

    /** Manual acknowledgement, and how many unacknowledged messages the broker may send. */
    public SessionSettings withManualAcks(int receiveMaximum) {
        return new SessionSettings(serverUrl, clientId, username, password, sessionExpiry, endSessionOnStop,
                keepAlive, connectTimeout, reconnectMinDelay, reconnectMaxDelay, receiveMaximum, true, will,
                subscriptions, stopTimeout);
    }

    public SessionSettings withWill(Publication will) {
        return new SessionSettings(serverUrl, clientId, username, password, sessionExpiry, endSessionOnStop,
                keepAlive, connectTimeout, reconnectMinDelay, reconnectMaxDelay, receiveMaximum, manualAcks, will,
                subscriptions, stopTimeout);
    }

    public SessionSettings withSubscriptions(List<Subscription> subscriptions) {
        return new SessionSettings(serverUrl, clientId, username, password, sessionExpiry, endSessionOnStop,
                keepAlive, connectTimeout, reconnectMinDelay, reconnectMaxDelay, receiveMaximum, manualAcks, will,
                subscriptions, stopTimeout);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("MQTT " + key + " must be a positive duration, was " + value);
        }
    }
}
