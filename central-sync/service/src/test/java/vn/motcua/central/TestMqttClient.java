package vn.motcua.central;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.motcua.protocol.ProtocolCodec;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A kiosk's side of the broker for tests: publishes, and records the acks it receives. */
public final class TestMqttClient implements AutoCloseable, MqttCallback {
    private final MqttClient client;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final List<Long> acks = new CopyOnWriteArrayList<>();

    /** An anonymous client, for a broker that takes them (a test's own plain Mosquitto). */
    public TestMqttClient(String url, String clientId) throws MqttException {
        this(url, clientId, null, null);
    }

    public TestMqttClient(String url, String clientId, String username, String password) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.connect(options);
    }

    /** Logged in as the kiosk (siteId, kioskId) of {@link TestLogins}, with the client id its agent uses. */
    public static TestMqttClient kiosk(String url, String siteId, String kioskId) throws MqttException {
        vn.motcua.protocol.broker.BrokerLogin login = new vn.motcua.protocol.broker.BrokerLogin(siteId, kioskId);
        return new TestMqttClient(url, login.clientId(), login.username(), TestLogins.password(siteId, kioskId));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    public void publish(String topic, Object message) throws MqttException {
        publish(topic, codec.encode(message));
    }

    /** upToSeq of every ack received, in arrival order. */
    public List<Long> acks() {
        return acks;
    }

    public long lastAck() {
        return acks.isEmpty() ? -1 : acks.get(acks.size() - 1);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        acks.add(codec.decodeAck(message.getPayload()).upToSeq());
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
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
