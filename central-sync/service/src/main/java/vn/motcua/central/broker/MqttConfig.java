package vn.motcua.central.broker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import vn.motcua.protocol.broker.BrokerLogin;

import java.time.Duration;

/**
 * The MQTT side of central ({@code central.mqtt.*}).
 *
 * @param url                       external broker, e.g. {@code tcp://broker:1883} (env {@code MQTT_URL}); blank
 *                                  starts the embedded broker on 127.0.0.1:{@code port}
 * @param port                      port of the embedded broker (env {@code MQTT_PORT})
 * @param username                  central's broker login (env {@code MQTT_USERNAME}); with the embedded broker,
 *                                  blank means the login {@code central} with a password kept in
 *                                  {@code centralPasswordFile}
 * @param password                  its password (env {@code MQTT_PASSWORD})
 * @param sessionExpiry             how long the broker keeps an instance's session (and queues its share of the
 *                                  shared subscriptions) while the instance is away: a crashed instance's share is
 *                                  released after this long (env {@code MQTT_SESSION_EXPIRY})
 * @param receiveMaximum            messages the broker may send before we acknowledge them: bounds memory
 * @param reconnectMinDelay         first reconnect delay; doubles up to {@code reconnectMaxDelay}, plus random jitter
 * @param kioskPasswordFile         embedded broker: the kiosks' logins, a Mosquitto password file of
 *                                  {@code SITE.KIOSK:$7$…} lines as {@code firmware-config provision} writes them (env
 *                                  {@code MQTT_KIOSK_PASSWORD_FILE}); read again whenever it changes
 * @param centralPasswordFile       embedded broker without {@code MQTT_USERNAME}: the password of the login
 *                                  {@code central}, created owner-only on first start (env
 *                                  {@code MQTT_CENTRAL_PASSWORD_FILE})
 * @param embeddedMaxQueuedMessages embedded broker: messages kept per subscriber and per shared-subscription group
 *                                  while it is away or behind, before the broker must drop (and count) one; each
 *                                  costs about its payload in memory (env {@code MQTT_MAX_QUEUED_MESSAGES})
 * @param dropCheckInterval         how often the embedded broker's dropped-message count is read and a growth logged
 */
@ConfigurationProperties("central.mqtt")
public record MqttConfig(
        @Bindable(defaultValue = "") String url,
        @Bindable(defaultValue = "1883") int port,
        @Bindable(defaultValue = "") String username,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "5m") Duration sessionExpiry,
        @Bindable(defaultValue = "30s") Duration keepAlive,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "500ms") Duration reconnectMinDelay,
        @Bindable(defaultValue = "5s") Duration reconnectMaxDelay,
        @Bindable(defaultValue = "32") int receiveMaximum,
        @Bindable(defaultValue = "./data/broker/mosquitto.passwd") String kioskPasswordFile,
        @Bindable(defaultValue = "./data/mqtt-central.password") String centralPasswordFile,
        @Bindable(defaultValue = "100000") long embeddedMaxQueuedMessages,
        @Bindable(defaultValue = "5s") Duration dropCheckInterval) {

    public static final String CENTRAL_USERNAME = "central";

    public MqttConfig {
        url = url == null ? "" : url.trim();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        kioskPasswordFile = kioskPasswordFile == null ? "" : kioskPasswordFile.trim();
        centralPasswordFile = centralPasswordFile == null ? "" : centralPasswordFile.trim();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("central.mqtt.port (MQTT_PORT) must be 1-65535, was " + port);
        }
        if (!url.isEmpty() && !url.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("central.mqtt.url (MQTT_URL) must look like tcp://host:port or "
                    + "ssl://host:port, was '" + url + "'");
        }
        requirePositive("session-expiry", sessionExpiry);
        if (sessionExpiry.toSeconds() > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("central.mqtt.session-expiry (MQTT_SESSION_EXPIRY) must be at most "
                    + "4294967294 seconds");
        }
        requirePositive("keep-alive", keepAlive);
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("reconnect-min-delay", reconnectMinDelay);
        if (reconnectMaxDelay == null || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("central.mqtt.reconnect-max-delay must be at least reconnect-min-delay");
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("central.mqtt.receive-maximum must be 1-65535, was " + receiveMaximum);
        }
        if (url.isEmpty()) {
            if (!username.isEmpty() && password.isEmpty()) {
                throw new IllegalArgumentException("central.mqtt.password (MQTT_PASSWORD) must be set with "
                        + "MQTT_USERNAME for the embedded broker, or unset both to use the login 'central'");
            }
            if (BrokerLogin.parse(username).isPresent()) {
                throw new IllegalArgumentException("central.mqtt.username (MQTT_USERNAME) '" + username
                        + "' has the form of a kiosk login (SITE.KIOSK); choose a name without a dot");
            }
            if (kioskPasswordFile.isEmpty()) {
                throw new IllegalArgumentException("central.mqtt.kiosk-password-file (MQTT_KIOSK_PASSWORD_FILE) is "
                        + "blank: name the kiosks' password file (firmware-config provision writes one)");
            }
            if (username.isEmpty() && centralPasswordFile.isEmpty()) {
                throw new IllegalArgumentException("central.mqtt.central-password-file (MQTT_CENTRAL_PASSWORD_FILE) "
                        + "is blank: name a file for central's broker password, or set MQTT_USERNAME and MQTT_PASSWORD");
            }
        }
        if (embeddedMaxQueuedMessages < 1) {
            throw new IllegalArgumentException("central.mqtt.embedded-max-queued-messages (MQTT_MAX_QUEUED_MESSAGES) "
                    + "must be at least 1, was " + embeddedMaxQueuedMessages);
        }
        requirePositive("drop-check-interval", dropCheckInterval);
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
