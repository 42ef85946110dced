package vn.motcua.systemtest;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Someone on the broker who is not central: publishes one message per connection, anonymously or with a kiosk's
 * broker login, and reports what the broker did with it.
 */
final class Forger {
    enum Outcome {
        /** The broker refused the connection (no or wrong login). */
        REFUSED_AT_CONNECT,
        /** The broker took the connection but refused the publication (ACL). */
        REFUSED_AT_PUBLISH,
        /** The broker accepted the publication: only the receivers' own checks stand between it and harm. */
        ACCEPTED,
        /** The broker was not there. */
        BROKER_DOWN
    }

    private final String brokerUrl;

    Forger(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    /** @param username null for an anonymous client */
    Outcome publish(String username, String password, String topic, String payload, boolean retained) {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(brokerUrl, "forger-" + UUID.randomUUID(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(5);
            if (username != null) {
                options.setUserName(username);
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            try {
                client.connect(options).waitForCompletion(6_000);
            } catch (MqttException e) {
                return isRefusal(e) ? Outcome.REFUSED_AT_CONNECT : Outcome.BROKER_DOWN;
            }
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            message.setRetained(retained);
            try {
                IMqttToken token = client.publish(topic, message);
                token.waitForCompletion(6_000);
                int[] codes = token.getReasonCodes();
                // a PUBACK reason code of 0x80 or above refuses the message (0x87: not authorized)
                return codes != null && codes.length > 0 && codes[0] >= 0x80 ? Outcome.REFUSED_AT_PUBLISH
                        : Outcome.ACCEPTED;
            } catch (MqttException e) {
                return e.getReasonCode() >= 0x80 ? Outcome.REFUSED_AT_PUBLISH : Outcome.BROKER_DOWN;
            } finally {
                try {
                    client.disconnect(2_000).waitForCompletion(3_000);
                } catch (MqttException ignored) {
                    // the broker may already have dropped us for what we sent
                }
            }
        } finally {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // nothing held
            }
        }
    }

    private static boolean isRefusal(MqttException e) {
        // CONNACK reason codes: 0x86 bad user name or password, 0x87 not authorized, 0x8C bad authentication method
        int code = e.getReasonCode();
        return code == 0x86 || code == 0x87 || code == 0x8C || code == 0x85;
    }
}
