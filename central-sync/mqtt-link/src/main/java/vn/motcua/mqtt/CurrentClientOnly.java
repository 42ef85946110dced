package vn.motcua.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.function.Supplier;

/**
 * A client that reconnects by building a new Paho client each time gets late callbacks from the ones it replaced:
 * this passes on the callbacks of {@code owner} only while it is still the {@code current} client.
 */
public final class CurrentClientOnly implements MqttCallback {
    private final MqttAsyncClient owner;
    private final Supplier<MqttAsyncClient> current;
    private final MqttCallback target;

    public CurrentClientOnly(MqttAsyncClient owner, Supplier<MqttAsyncClient> current, MqttCallback target) {
        this.owner = owner;
        this.current = current;
        this.target = target;
    }

    private boolean isCurrent() {
        return current.get() == owner;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (isCurrent()) {
            target.disconnected(response);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        if (isCurrent()) {
            target.mqttErrorOccurred(e);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        if (isCurrent()) {
            target.messageArrived(topic, message);
        }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        if (isCurrent()) {
            target.deliveryComplete(token);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (isCurrent()) {
            target.connectComplete(reconnect, serverURI);
        }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        if (isCurrent()) {
            target.authPacketArrived(reasonCode, properties);
        }
    }
}
