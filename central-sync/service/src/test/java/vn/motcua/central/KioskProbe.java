package vn.motcua.central;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.motcua.protocol.ProtocolCodec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A kiosk's side of the broker for fleet tests: publishes at a chosen QoS and keeps every message it receives. */
public final class KioskProbe implements AutoCloseable {
    public record Received(String topic, byte[] payload, boolean retained) {
    }

    private final MqttClient client;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public KioskProbe(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), message.isRetained()));
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
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    public void publish(String topic, Object message, int qos) throws MqttException {
        MqttMessage m = new MqttMessage(codec.encode(message));
        m.setQos(qos);
        client.publish(topic, m);
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
