package vn.motcua.central.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestMqttClient;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.KioskEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding: on PostgreSQL one rating comment with U+0000 (refused by jsonb) stopped ingest for every kiosk, while
 * health said UP. Here central runs on the local PostgreSQL with its embedded broker: that event is kept whole in
 * quarantine, the events around it and other kiosks' events are stored and acked, the kiosk's sync goes on, and
 * operators see and can re-admit it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonEventIngestTest implements TestPropertyProvider {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String TOKEN = "poison-test-read-token";
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "poison test password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int mqttPort = TestMqttClient.freePort();
    private String database;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        database = "central_poison_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dir;
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            dir = Files.createTempDirectory("central-poison");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.server.port", "-1");
        p.putAll(vn.motcua.central.TestLogins.embeddedBroker(dir, mqttPort, "site-1.kiosk-01", "site-1.kiosk-02",
                "site-2.kiosk-01"));
        p.put("central.mqtt.reconnect-min-delay", "100ms");
        p.put("central.mqtt.reconnect-max-delay", "1s");
        p.put("central.instance-id", "poison-test");
        p.put("central.db.url", SERVER + database);
        p.put("central.db.user", "postgres");
        p.put("central.commands.signing-key-file", dir.resolve("command-signing.key").toString());
        p.put("central.auth.api-token", TOKEN);
        p.put("central.auth.admin-user", ADMIN);
        p.put("central.auth.admin-password", PASSWORD);
        p.put("central.auth.bcrypt-strength", "4");
        return p;
    }

    @AfterAll
    void dropDatabase() throws Exception {
        vn.motcua.central.TestPostgres.dropDatabase(database);
    }

    @Test
    void givenRatingCommentWithNulAmongOtherKiosksBatches_whenPublished_thenQuarantinedAndEveryoneElseStoredAndAcked()
            throws Exception {
        await("central ready").atMost(Duration.ofSeconds(30)).until(() -> healthStatus() == 200);
        String url = "tcp://127.0.0.1:" + mqttPort;
        try (TestMqttClient a = TestMqttClient.kiosk(url, "site-1", "kiosk-01");
             TestMqttClient b = TestMqttClient.kiosk(url, "site-1", "kiosk-02");
             TestMqttClient c = TestMqttClient.kiosk(url, "site-2", "kiosk-01")) {
            a.subscribe(Topics.of("site-1", "kiosk-01", Topics.ACK));
            b.subscribe(Topics.of("site-1", "kiosk-02", Topics.ACK));
            c.subscribe(Topics.of("site-2", "kiosk-01", Topics.ACK));
            String comment = "nhân viên\u0000thân thiện";
            List<KioskEvent> events = new ArrayList<>(TestEvents.batch("kiosk-01", 1, 5).events());
            KioskEvent poison = TestEvents.rating(3, comment);
            events.set(2, poison);
            a.publish(Topics.of("site-1", "kiosk-01", Topics.EVENTS),
                    TestEvents.named(EventBatch.of("kiosk-01", events)));
            b.publish(Topics.of("site-1", "kiosk-02", Topics.EVENTS), TestEvents.named(TestEvents.batch("kiosk-02", 1,
                    4)));
            c.publish(Topics.of("site-2", "kiosk-01", Topics.EVENTS), TestEvents.named(TestEvents.batch("kiosk-01", 1,
                    2)));

            await("every kiosk acked").atMost(Duration.ofSeconds(20))
                    .until(() -> a.lastAck() == 5 && b.lastAck() == 4 && c.lastAck() == 2);
            JsonNode stats = get("/api/stats");
            assertEquals(4 + 4 + 2, stats.get("events").asLong(), stats.toString());
            assertEquals(1, stats.get("quarantined").asLong(), stats.toString());

            JsonNode kept = get("/api/quarantine");
            assertEquals(1, kept.size());
            JsonNode q = kept.get(0);
            assertEquals(List.of("site-1", "kiosk-01", "3", poison.id().toString()), List.of(q.get("siteId").asText(),
                    q.get("kioskId").asText(), q.get("seq").asText(), q.get("eventId").asText()));
            assertTrue(q.get("reason").asText().contains("invalid_character"), q.toString());
            assertEquals(comment, q.get("event").get("data").get("comment").asText(), "kept whole");
            assertEquals(0, get("/api/quarantine?siteId=site-2&kioskId=kiosk-01").size());
            assertEquals(200, healthStatus(), "ingest goes on: health stays UP");

            // the kiosk's sync goes on past it
            a.publish(Topics.of("site-1", "kiosk-01", Topics.EVENTS), TestEvents.named(TestEvents.batch("kiosk-01",
                    6, 7)));
            await("the next batch acked").atMost(Duration.ofSeconds(20)).until(() -> a.lastAck() == 7);

            WebConsoleSession admin = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
            String page = http.toBlocking().retrieve(admin.on(HttpRequest.GET("/fleet/sites/site-1/kiosks/kiosk-01")));
            assertTrue(page.contains("id=\"quarantine\"") && page.contains("class=\"readmit\""), page);
            assertTrue(page.contains("invalid_character"));

            String readmit = "/api/quarantine/" + q.get("id").asText() + "/readmit";
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(admin.on(HttpRequest.POST(readmit, "{}")), String.class));
            assertEquals(HttpStatus.CONFLICT, refused.getStatus(), "the contract still refuses it");
            assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("invalid_character"));
            assertEquals(2, get("/api/quarantine").get(0).get("attempts").asInt());
            HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.POST(readmit, "{}").bearerAuth(TOKEN)));
            assertEquals(HttpStatus.UNAUTHORIZED, anonymous.getStatus(), "the read token re-admits nothing");

            http.toBlocking().exchange(admin.on(HttpRequest.POST("/api/users",
                    "{\"username\":\"viewer1\",\"password\":\"viewer-password\",\"role\":\"viewer\"}")));
            WebConsoleSession viewer = WebConsoleSession.signIn(http, "viewer1", "viewer-password");
            HttpClientResponseException forbidden = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(viewer.on(HttpRequest.POST(readmit, "{}"))));
            assertEquals(HttpStatus.FORBIDDEN, forbidden.getStatus());
            assertTrue(!http.toBlocking().retrieve(viewer.on(HttpRequest.GET("/fleet/sites/site-1/kiosks/kiosk-01")))
                    .contains("class=\"readmit\""), "a viewer sees no re-admit button");
        }
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TOKEN), String.class));
    }

    private int healthStatus() {
        try {
            return http.toBlocking().exchange(HttpRequest.GET("/api/health"), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
