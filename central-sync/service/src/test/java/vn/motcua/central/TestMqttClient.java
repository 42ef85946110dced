package vn.motcua.central;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Ack;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A kiosk's side of the broker for tests: publishes, and records the acks it receives. */
public final class TestMqttClient implements AutoCloseable, MqttCallback {
    private final MqttClient client;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final ProtocolCodec codec = new ProtocolCodec();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<String> ackTopics = new CopyOnWriteArrayList<>();

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

    /**
     * Publishes at QoS 1 and waits for the broker's PUBACK. Paho's synchronous client may still count the previous
     * message as in flight for a moment after its PUBACK ("Too many publishes in progress"); that publish is tried
     * again, for up to 5 s, as a kiosk's outbox would.
     */
    public void publish(String topic, byte[] payload) throws MqttException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public void publish(String topic, Object message) throws MqttException {
        publish(topic, codec.encode(message));
    }

    /** upToSeq of every ack received, in arrival order. */
    public List<Long> acks() {
        return acks.stream().map(Ack::upToSeq).toList();
    }

    /** Every ack received, whole, in arrival order. */
    public List<Ack> ackMessages() {
        return List.copyOf(acks);
    }

    /** The topic each ack arrived on, in arrival order. */
    public List<String> ackTopics() {
        return List.copyOf(ackTopics);
    }

    public long lastAck() {
        return acks.isEmpty() ? -1 : acks.get(acks.size() - 1).upToSeq();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        ackTopics.add(topic);
        // read field by field: an ack to a batch that named no batch id carries batch id "", which the contract's
        // decoder (for agents that name their batches) refuses
        try {
            com.fasterxml.jackson.databind.JsonNode a = JSON.readTree(message.getPayload());
            acks.add(new Ack(a.path("siteId").asText(null), a.path("kioskId").asText(null),
                    a.path("upToSeq").asLong(-1), a.path("batchId").asText(null), a.path("sig").asText(null)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ack is not JSON", e);
        }
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
