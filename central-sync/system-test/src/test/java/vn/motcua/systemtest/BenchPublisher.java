package vn.motcua.systemtest;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** A plain Paho v5 client for the benchmarks: QoS 1 publishing with a bounded in-flight window, and a listener. */
final class BenchPublisher implements AutoCloseable {
    private static final int WINDOW = 32;
    private final MqttAsyncClient client;
    private final Semaphore inFlight = new Semaphore(WINDOW);

    BenchPublisher(String url, String clientId, BiConsumer<String, MqttMessage> onMessage) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(topic, message);
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
        client.connect(options).waitForCompletion(10_000);
    }

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    void publishAll(List<String> topics, List<byte[]> payloads) throws Exception {
        for (int i = 0; i < payloads.size(); i++) {
            inFlight.acquire();
            MqttMessage message = new MqttMessage(payloads.get(i));
            message.setQos(1);
            client.publish(topics.get(i), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inFlight.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    inFlight.release();
                }
            });
        }
        if (!inFlight.tryAcquire(WINDOW, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("publishes not acknowledged by the broker");
        }
        inFlight.release(WINDOW);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
