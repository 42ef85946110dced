package vn.motcua.testsupport;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ArrayList;

/**
 * A raw MQTT 5 client for broker tests: it reports the broker's reason codes (CONNACK, PUBACK, SUBACK) instead of
 * hiding them, and keeps every message it receives as "topic payload".
 */
public final class MqttProbe implements AutoCloseable, MqttCallback {
    public static final int NOT_AUTHORIZED = 0x87;
    private static final long WAIT_MILLIS = 10_000;

    private final MqttAsyncClient client;
    private final List<String> received = new ArrayList<>();
    private volatile Integer disconnectReason;

    private MqttProbe(String url, String clientId) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    /** Connected with a clean session; throws the broker's refusal as an {@link MqttException}. */
    public static MqttProbe connect(String url, String clientId, String username, String password)
            throws MqttException {
        return connect(url, clientId, username, password, true, 0);
    }

    public static MqttProbe connect(String url, String clientId, String username, String password,
                                       boolean cleanStart, long sessionExpirySeconds) throws MqttException {
        MqttProbe c = new MqttProbe(url, clientId);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(sessionExpirySeconds);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            c.client.connect(options).waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            c.client.close(true);
            throw e;
        }
        return c;
    }

    /**
     * @return the PUBACK reason code (0 = accepted); or, when the broker closed the connection before Paho handed
     * over its PUBACK, the reason code of the broker's DISCONNECT (HiveMQ sends PUBACK 0x87 and then DISCONNECT 0x87
     * for a refused publish, and Paho may see only the second)
     */
    public int publish(String topic, String payload) throws MqttException, InterruptedException {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    public int publish(String topic, byte[] payload, boolean retained) throws MqttException, InterruptedException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        IMqttToken token = client.publish(topic, message);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!token.isComplete() && disconnectReason == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        if (!token.isComplete()) {
            return disconnectReason != null ? disconnectReason : -1;
        }
        if (token.getException() != null) {
            return disconnectReason != null ? disconnectReason : token.getException().getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** @return the SUBACK reason code (0x00-0x02 = granted QoS) */
    public int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(filter, 1);
        try {
            token.waitForCompletion(WAIT_MILLIS);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? -1 : codes[0];
    }

    public MqttAsyncClient paho() {
        return client;
    }

    /** What has arrived so far, as "topic payload" in arrival order (a copy). */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Disconnects normally: a session with a non-zero expiry stays with the broker. A connection the broker has
     * already closed (after a refused publish) is not disconnected again: Paho may still call it connected for a
     * moment, and its DISCONNECT would wait for an answer that never comes.
     */
    @Override
    public void close() throws MqttException {
        try {
            if (disconnectReason == null && client.isConnected()) {
                client.disconnect().waitForCompletion(WAIT_MILLIS);
            }
        } catch (MqttException e) {
            if (disconnectReason == null) {
                throw e;
            }
        } finally {
            client.close(true);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String m = topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8);
        synchronized (received) {
            received.add(m);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnectReason = response.getReturnCode() >= 0x80 ? response.getReturnCode() : -1;
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
