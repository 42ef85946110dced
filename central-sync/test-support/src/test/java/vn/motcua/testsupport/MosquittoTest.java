package vn.motcua.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MosquittoTest {
    @Test
    void givenAnonymousBroker_whenProbePublishesToItsOwnSubscription_thenItReceivesTheMessage() throws Exception {
        try (Mosquitto broker = new Mosquitto().start();
             MqttProbe probe = MqttProbe.connect(broker.url(), "probe-" + System.nanoTime(), null, null)) {
            assertTrue(probe.subscribe("kiosk/v1/#") <= 2, "subscription granted");
            assertEquals(0, probe.publish("kiosk/v1/site/kiosk-01/status", "{\"online\":true}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.receivedCount() == 1);
            assertEquals(List.of("kiosk/v1/site/kiosk-01/status {\"online\":true}"), probe.received());
        }
    }

    @Test
    void givenRunningBroker_whenStoppedAndStartedOnItsPort_thenClientsReachItAgain() throws Exception {
        try (Mosquitto broker = new Mosquitto(Mosquitto.freePort()).start()) {
            broker.stop();
            assertThrows(Exception.class, () -> MqttProbe.connect(broker.url(), "down", null, null).close());
            broker.start();
            try (MqttProbe probe = MqttProbe.connect(broker.url(), "up", null, null)) {
                assertTrue(probe.isConnected());
            }
        }
    }

    @Test
    void givenMissingPasswordFile_whenStarted_thenFailsWithTheBrokersOwnWords(@TempDir Path dir) {
        Mosquitto broker = new Mosquitto(dir.resolve("no-such-passwd"), dir.resolve("no-such-acl"));
        IllegalStateException e = assertThrows(IllegalStateException.class, broker::start);
        assertTrue(e.getMessage().contains("exited"), e.getMessage());
        assertFalse(broker.log().isBlank(), "mosquitto said why");
        broker.close();
    }
}
