package vn.motcua.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MqttLinkTest {
    @Test
    void givenFailures_whenBackingOff_thenEachDelayIsWithinHalfToFullStep_stepsDoubleToTheCap_andResetStartsOver() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        long[] steps = {100, 200, 400, 800, 1000, 1000};
        for (long step : steps) {
            long d = backoff.next().toMillis();
            assertTrue(d >= step / 2 && d <= step, d + " ms for a step of " + step);
        }
        backoff.reset();
        assertTrue(backoff.next().toMillis() <= 100);
    }

    @Test
    void givenReplacedClient_whenItsLateCallbacksArrive_thenOnlyTheCurrentClientsReachTheTarget() throws Exception {
        MqttAsyncClient first = new MqttAsyncClient("tcp://127.0.0.1:1", "link-a", new MemoryPersistence());
        MqttAsyncClient second = new MqttAsyncClient("tcp://127.0.0.1:1", "link-b", new MemoryPersistence());
        AtomicReference<MqttAsyncClient> current = new AtomicReference<>(first);
        List<String> heard = new ArrayList<>();
        MqttCallback target = new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                heard.add("disconnected");
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                heard.add("error");
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                heard.add("message " + topic);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                heard.add("delivered");
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
                heard.add("connected");
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                heard.add("auth");
            }
        };
        CurrentClientOnly ofFirst = new CurrentClientOnly(first, current::get, target);
        CurrentClientOnly ofSecond = new CurrentClientOnly(second, current::get, target);

        ofFirst.connectComplete(false, "tcp://x");
        ofFirst.messageArrived("a", new MqttMessage());
        current.set(second);
        ofFirst.messageArrived("stale", new MqttMessage());
        ofFirst.disconnected(null);
        ofFirst.deliveryComplete(null);
        ofSecond.connectComplete(true, "tcp://x");
        ofSecond.messageArrived("b", new MqttMessage());

        assertEquals(List.of("connected", "message a", "connected", "message b"), heard);
        first.close(true);
        second.close(true);
    }
}
