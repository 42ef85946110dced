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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.motcua.central.TestEvents;
import vn.motcua.central.TestLogins;
import vn.motcua.central.TestMqttClient;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.KioskStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * central-sync with its embedded broker on a free port and a SQLite file: a kiosk-side Paho client publishes valid
 * batches among payloads that break the contract, and reads the acks and the HTTP API.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestEndToEndTest implements TestPropertyProvider {
    private static final String SITE = "site-1";
    private static final String KIOSK = "kiosk-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_TOKEN = "ingest-test-read-token";

    private final int mqttPort = TestMqttClient.freePort();
    private Path dir;
    private TestMqttClient kiosk;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        try {
            dir = Files.createTempDirectory("central-ingest-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> p = new java.util.HashMap<>(TestLogins.embeddedBroker(dir, mqttPort, SITE + "." + KIOSK));
        p.putAll(Map.of(
                "micronaut.server.port", "-1",
                "central.mqtt.reconnect-min-delay", "100ms",
                "central.mqtt.reconnect-max-delay", "1s",
                "central.instance-id", "ingest-test",
                "central.auth.api-token", API_TOKEN,
                "central.commands.signing-key-file", dir.resolve("command-signing.key").toString(),
                "central.db.url", "jdbc:sqlite:" + dir.resolve("central.db")));
        return p;
    }

    @BeforeAll
    void connectKiosk() throws Exception {
        await("central ready").atMost(Duration.ofSeconds(30)).until(() -> health().code() == 200);
        kiosk = TestMqttClient.kiosk("tcp://127.0.0.1:" + mqttPort, SITE, KIOSK);
        kiosk.subscribe(Topics.of(SITE, KIOSK, Topics.ACK));
    }

    @AfterAll
    void closeKiosk() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    @Order(1)
    void givenValidAndBrokenPayloads_whenPublished_thenValidBatchesStoredAckedAndEachRejectionCounted()
            throws Exception {
        String events = Topics.of(SITE, KIOSK, Topics.EVENTS);
        kiosk.publish(events, TestEvents.batch(KIOSK, 1, 5));
        await("ack of the first batch").atMost(Duration.ofSeconds(10)).until(() -> kiosk.lastAck() == 5);

        String valid = new String(new vn.motcua.protocol.ProtocolCodec().encode(TestEvents.batch(KIOSK, 6, 6)),
                StandardCharsets.UTF_8);
        kiosk.publish(events, "{\"schema\":1,\"kioskId\":".getBytes(StandardCharsets.UTF_8));
        kiosk.publish(events, valid.replace("\"schema\":1", "\"schema\":2").getBytes(StandardCharsets.UTF_8));
        kiosk.publish(events, valid.replace("\"kioskId\":\"kiosk-01\",", "").getBytes(StandardCharsets.UTF_8));
        kiosk.publish(events, valid.replace("\"seq\":6", "\"seq\":\"6\"").getBytes(StandardCharsets.UTF_8));
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        kiosk.publish(events, huge);
        kiosk.publish(events, TestEvents.batch("kiosk-02", 1, 3));
        kiosk.publish(events, TestEvents.batch(KIOSK, 6, 8));

        await("ack of the second valid batch").atMost(Duration.ofSeconds(10)).until(() -> kiosk.lastAck() == 8);
        assertEquals(2, kiosk.acks().size(), "one ack per stored batch, none for rejected ones: " + kiosk.acks());

        JsonNode stats = get("/api/stats");
        assertEquals(8, stats.get("events").asLong());
        assertEquals(TestEvents.countOfType(8, vn.motcua.protocol.event.EventType.TICKET_ISSUED),
                stats.get("tickets").asLong());
        assertEquals(TestEvents.countOfType(8, vn.motcua.protocol.event.EventType.RATING_SUBMITTED),
                stats.get("ratings").asLong());
        assertEquals(JSON.readTree("""
                {"kiosk_mismatch":1,"malformed_json":1,"missing_field":1,"payload_too_large":1,
                 "unknown_schema":1,"wrong_type":1}"""), stats.get("rejected"));
        assertEquals(0, stats.get("brokerDropped").asLong(), "the embedded broker dropped nothing");
    }

    @Test
    @Order(2)
    void givenStoredBatch_whenRedelivered_thenAckedAgainWithoutDuplicates() throws Exception {
        int acksBefore = kiosk.acks().size();
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.EVENTS), TestEvents.batch(KIOSK, 1, 5));
        await("ack of the duplicate").atMost(Duration.ofSeconds(10)).until(() -> kiosk.acks().size() > acksBefore);
        assertEquals(8, kiosk.lastAck());
        assertEquals(8, get("/api/stats").get("events").asLong());
    }

    @Test
    @Order(3)
    void givenStatusPublished_whenKiosksRead_thenKioskShowsStatusAndProgress() throws Exception {
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.STATUS), new KioskStatus(true, "0.1.0", "boot-1",
                OffsetDateTime.parse("2026-11-22T07:01:02+07:00")));
        await("kiosk online").atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/kiosks").get(0).get("online").asBoolean());
        JsonNode k = get("/api/kiosks").get(0);
        assertEquals(KIOSK, k.get("kioskId").asText());
        assertEquals(SITE, k.get("siteId").asText());
        assertEquals("0.1.0", k.get("version").asText());
        assertEquals(8, k.get("lastSeq").asLong());
        assertEquals(8, k.get("contiguousSeq").asLong());
        assertTrue(k.get("lastSeen").isTextual(), k.toString());
        assertEquals(1, get("/api/kiosks").size());
    }

    @Test
    @Order(4)
    void givenStoredEvents_whenEventsRead_thenFilteredNewestFirstWithDataAsObject() throws Exception {
        JsonNode events = get("/api/events?kioskId=" + KIOSK + "&limit=2");
        assertEquals(2, events.size());
        JsonNode newest = events.get(0);
        assertEquals(8, newest.get("seq").asLong());
        assertTrue(newest.get("data").isObject(), newest.toString());
        assertEquals("boot-1", newest.get("bootId").asText());
        assertTrue(newest.get("at").asText().endsWith("+07:00"), newest.toString());
        assertTrue(newest.get("receivedAt").isTextual(), newest.toString());
        assertEquals(36, newest.get("id").asText().length());

        JsonNode ratings = get("/api/events?type=rating.submitted");
        assertEquals(2, ratings.size());
        ratings.forEach(r -> assertEquals("rating.submitted", r.get("type").asText()));
        assertEquals("satisfied", ratings.get(0).get("data").get("level").asText());

        assertEquals(0, get("/api/events?kioskId=x%27%20OR%20%271%27%3D%271").size());
        assertEquals(8, get("/api/events").size());
    }

    @Test
    @Order(5)
    void givenBadLimit_whenEventsRead_thenBadRequestNamesTheParameter() {
        for (String limit : new String[]{"abc", "0", "1001", "-5"}) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/api/events?limit=" + limit)
                            .bearerAuth(API_TOKEN), String.class));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
            JsonNode body = e.getResponse().getBody(JsonNode.class).orElseThrow();
            assertEquals("limit", body.get("parameter").asText(), body.toString());
            assertTrue(body.get("message").asText().contains("limit"), body.toString());
        }
    }

    @Test
    @Order(6)
    void givenBrokerAndDatabaseUp_whenHealthRead_thenUpWithBothFlags() throws Exception {
        JsonNode health = get("/api/health");
        assertEquals("UP", health.get("status").asText());
        assertTrue(health.get("broker").asBoolean());
        assertTrue(health.get("db").asBoolean());
        assertEquals("central-ingest-test", health.get("clientId").asText());
        assertFalse(health.has("error"));
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(API_TOKEN), String.class));
    }

    private io.micronaut.http.HttpResponse<String> health() {
        try {
            return http.toBlocking().exchange(HttpRequest.GET("/api/health"), String.class);
        } catch (HttpClientResponseException e) {
            return io.micronaut.http.HttpResponse.status(e.getStatus());
        }
    }
}
