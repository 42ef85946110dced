package vn.motcua.central.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestMqttClient;
import vn.motcua.protocol.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding: health said UP while ingest stored nothing. Here another process holds SQLite's write lock: the database
 * still answers a ping, but no batch can be stored. Health says DOWN, "ingest stalled", once messages have waited
 * longer than {@code stall-after}, and UP again when they are stored.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestStallHealthTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int mqttPort = TestMqttClient.freePort();
    private Path db;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("central-stall");
            db = dir.resolve("c.db");
            Map<String, String> p = new java.util.HashMap<>(
                    vn.motcua.central.TestLogins.embeddedBroker(dir, mqttPort, "site-1.kiosk-stall"));
            p.putAll(Map.of(
                    "micronaut.server.port", "-1",
                    "central.mqtt.reconnect-min-delay", "100ms",
                    "central.mqtt.reconnect-max-delay", "500ms",
                    "central.ingest.store-retry-min-delay", "50ms",
                    "central.ingest.store-retry-for", "500ms",
                    "central.ingest.stall-after", "2s",
                    "central.commands.signing-key-file", dir.resolve("command-signing.key").toString(),
                    "central.db.url", "jdbc:sqlite:" + db));
            return p;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenDatabaseThatAnswersButCannotStore_whenMessagesWait_thenHealthSaysIngestStalledUntilTheyAreStored()
            throws Exception {
        await("central ready").atMost(Duration.ofSeconds(30)).until(() -> health().get("status").asText()
                .equals("UP"));
        try (TestMqttClient kiosk = TestMqttClient.kiosk("tcp://127.0.0.1:" + mqttPort, "site-1", "kiosk-stall");
             Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            kiosk.subscribe(Topics.of("site-1", "kiosk-stall", Topics.ACK));
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("INSERT INTO rejections (reason, count) VALUES ('write-lock-holder', 1)");
            }
            kiosk.publish(Topics.of("site-1", "kiosk-stall", Topics.EVENTS), TestEvents.batch("kiosk-stall", 1, 3));

            await("health says ingest stalled").atMost(Duration.ofSeconds(30))
                    .until(() -> health().path("error").asText().contains("ingest stalled"));
            JsonNode down = health();
            assertEquals("DOWN", down.get("status").asText());
            assertTrue(down.get("db").asBoolean(), "the database answers a ping all along: " + down);
            assertTrue(down.get("ingest").get("stalled").asBoolean(), down.toString());
            assertEquals(0, kiosk.acks().size());

            holder.rollback();
            await("stored and acked once the lock is gone").atMost(Duration.ofSeconds(60))
                    .until(() -> kiosk.lastAck() == 3);
            await("health UP again").atMost(Duration.ofSeconds(30))
                    .until(() -> health().get("status").asText().equals("UP"));
            assertEquals(false, health().get("ingest").get("stalled").asBoolean());
        }
    }

    private JsonNode health() throws Exception {
        try {
            return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET("/api/health"), String.class));
        } catch (HttpClientResponseException e) {
            return JSON.readTree(e.getResponse().getBody(String.class).orElse("{}"));
        }
    }
}
