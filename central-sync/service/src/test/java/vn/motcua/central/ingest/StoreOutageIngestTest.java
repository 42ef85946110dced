package vn.motcua.central.ingest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestLogins;
import vn.motcua.central.TestMqttClient;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.Topics;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database outage longer than the in-place retry budget: the batch is not acknowledged to the broker, ingest
 * pauses, and once the database is back the broker delivers the batch again and it is stored and acked.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageIngestTest implements TestPropertyProvider {
    private final int mqttPort = TestMqttClient.freePort();

    @Inject
    EventStore eventStore;
    @Inject
    MqttIngestClient ingest;

    @Override
    public Map<String, String> getProperties() {
        try {
            java.nio.file.Path dir = Files.createTempDirectory("central-outage");
            Map<String, String> p = new java.util.HashMap<>(TestLogins.embeddedBroker(dir, mqttPort, "site-1.kiosk-07"));
            p.putAll(Map.of(
                    "spec.name", "StoreOutageIngestTest",
                    "micronaut.server.port", "-1",
                    "central.mqtt.reconnect-min-delay", "100ms",
                    "central.mqtt.reconnect-max-delay", "500ms",
                    "central.instance-id", "outage-test",
                    "central.ingest.store-retry-min-delay", "50ms",
                    "central.ingest.store-retry-for", "500ms",
                    "central.db.url", "jdbc:sqlite:" + dir.resolve("c.db")));
            return p;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenDatabaseDownLongerThanRetries_whenBatchArrives_thenItIsStoredAndAckedAfterDatabaseReturns()
            throws Exception {
        SwitchableStore store = (SwitchableStore) eventStore;
        await("central ready").atMost(Duration.ofSeconds(30)).until(ingest::isReady);
        try (TestMqttClient kiosk = TestMqttClient.kiosk("tcp://127.0.0.1:" + mqttPort, "site-1", "kiosk-07")) {
            kiosk.subscribe(Topics.of("site-1", "kiosk-07", Topics.ACK));
            store.down = true;
            kiosk.publish(Topics.of("site-1", "kiosk-07", Topics.EVENTS), TestEvents.batch("kiosk-07", 1, 4));

            await("ingest paused").atMost(Duration.ofSeconds(10)).until(() -> !ingest.isReady());
            assertTrue(store.failedWrites.get() > 1, "retried in place first: " + store.failedWrites.get());
            await("ingest stays paused while the database is down").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3)).until(() -> !ingest.isReady());
            assertEquals(0, kiosk.acks().size(), "nothing acked while the database is down");

            store.down = false;
            await("stored and acked after the outage").atMost(Duration.ofSeconds(20))
                    .until(() -> kiosk.lastAck() == 4);
            assertEquals(4, store.stats().events());
            await("ingest resumed").atMost(Duration.ofSeconds(10)).until(ingest::isReady);
        }
    }
}
