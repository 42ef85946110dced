package vn.motcua.central.broker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The MQTT side of central ({@code central.mqtt.*}).
 *
 * @param url               external broker, e.g. {@code tcp://broker:1883} (env {@code MQTT_URL}); blank starts the
 *                          embedded broker on 127.0.0.1:{@code port}
 * @param port              port of the embedded broker (env {@code MQTT_PORT})
 * @param sessionExpiry     how long the broker keeps this instance's session (and queues its messages) while offline
 * @param receiveMaximum    messages the broker may send before we acknowledge them: bounds memory
 * @param reconnectMinDelay first reconnect delay; doubles up to {@code reconnectMaxDelay}, plus random jitter
 */
@ConfigurationProperties("central.mqtt")
public record MqttConfig(
        @Bindable(defaultValue = "") String url,
        @Bindable(defaultValue = "1883") int port,
        @Bindable(defaultValue = "") String username,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "1d") Duration sessionExpiry,
        @Bindable(defaultValue = "30s") Duration keepAlive,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "500ms") Duration reconnectMinDelay,
        @Bindable(defaultValue = "5s") Duration reconnectMaxDelay,
        @Bindable(defaultValue = "32") int receiveMaximum) {

    public MqttConfig {
        url = url == null ? "" : url.trim();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("central.mqtt.port (MQTT_PORT) must be 1-65535, was " + port);
        }
        if (!url.isEmpty() && !url.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("central.mqtt.url (MQTT_URL) must look like tcp://host:port or "
                    + "ssl://host:port, was '" + url + "'");
        }
        requirePositive("session-expiry", sessionExpiry);
        requirePositive("keep-alive", keepAlive);
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("reconnect-min-delay", reconnectMinDelay);
        if (reconnectMaxDelay == null || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("central.mqtt.reconnect-max-delay must be at least reconnect-min-delay");
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("central.mqtt.receive-maximum must be 1-65535, was " + receiveMaximum);
        }
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("central.mqtt." + key + " must be a positive duration, e.g. 10s");
        }
    }
}
