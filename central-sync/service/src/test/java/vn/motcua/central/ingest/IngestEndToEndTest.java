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
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.sign.Signatures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        Map<String, String> p = new java.util.HashMap<>(TestLogins.embeddedBroker(dir, mqttPort, SITE + "." + KIOSK,
                "site-2." + KIOSK, SITE + ".kiosk-restored"));
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
        EventBatch first = TestEvents.named(TestEvents.batch(KIOSK, 1, 5));
        kiosk.publish(events, first);
        await("ack of the first batch").atMost(Duration.ofSeconds(10)).until(() -> kiosk.lastAck() == 5);
        Ack ack = kiosk.ackMessages().get(0);
        assertEquals(List.of(SITE, KIOSK, first.batchId()), List.of(ack.siteId(), ack.kioskId(), ack.batchId()),
                "the ack names the kiosk and the batch it answers");
        assertTrue(Signatures.verify(centralKey(), Signatures.ackBytes(ack), ack.sig()), "signed by central");
        assertFalse(Signatures.verify(centralKey(), Signatures.ackBytes(SITE, KIOSK, ack.batchId(), 6), ack.sig()));

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
        EventBatch second = TestEvents.named(TestEvents.batch(KIOSK, 6, 8));
        kiosk.publish(events, second);

        await("ack of the second valid batch").atMost(Duration.ofSeconds(10)).until(() -> kiosk.lastAck() == 8);
        assertEquals(2, kiosk.acks().size(), "one ack per stored batch, none for rejected ones: " + kiosk.acks());
        assertEquals(second.batchId(), kiosk.ackMessages().get(1).batchId());

        JsonNode stats = get("/api/stats");
        assertEquals(8, stats.get("events").asLong());
        assertEquals(TestEvents.countOfType(8, vn.motcua.protocol.event.EventType.TICKET_ISSUED),
                stats.get("tickets").asLong());
        assertEquals(TestEvents.countOfType(8, vn.motcua.protocol.event.EventType.RATING_SUBMITTED),
                stats.get("ratings").asLong());
        assertEquals(JSON.readTree("""
                {"kiosk_mismatch":1,"malformed_json":1,"missing_field":1,"payload_too_large":1,
                 "unknown_schema":1,"wrong_type":1}"""), stats.get("rejected"));
        assertEquals(0, stats.get("quarantined").asLong());
        assertEquals(0, stats.get("brokerDropped").asLong(), "the embedded broker dropped nothing");
    }

    @Test
    @Order(2)
    void givenStoredBatch_whenRedelivered_thenAckedAgainWithoutDuplicates() throws Exception {
        int acksBefore = kiosk.acks().size();
        JsonNode stored = get("/api/events?siteId=" + SITE + "&kioskId=" + KIOSK + "&limit=5");
        List<KioskEvent> again = new ArrayList<>();
        for (JsonNode e : stored) {
            again.add(new KioskEvent(e.get("seq").asLong(), java.util.UUID.fromString(e.get("id").asText()),
                    EventType.TICKET_ISSUED, TestEvents.AT, true, "boot-1", 0, new vn.motcua.protocol.event
                    .TicketIssued("t", "A", 1, "A001", null)));
        }
        // a batch that names no batch id (an agent older than signed acks) is answered with batch id ""
        kiosk.publish(Topics.of(SITE, KIOSK, Topics.EVENTS), EventBatch.of(KIOSK, again));
        await("ack of the duplicate").atMost(Duration.ofSeconds(10)).until(() -> kiosk.acks().size() > acksBefore);
        Ack ack = kiosk.ackMessages().get(kiosk.acks().size() - 1);
        assertEquals(8, ack.upToSeq(), "never beyond the batch's last seq, which is 8");
        assertEquals("", ack.batchId());
        assertTrue(Signatures.verify(centralKey(), Signatures.ackBytes(ack), ack.sig()));
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

    @Test
    @Order(7)
    void givenTwoSitesWithAKiosk01_whenBothPublish_thenEachIsStoredAndAckedOnItsOwnTopicWithoutMovingTheOther()
            throws Exception {
        try (TestMqttClient other = TestMqttClient.kiosk("tcp://127.0.0.1:" + mqttPort, "site-2", KIOSK)) {
            other.subscribe(Topics.of("site-2", KIOSK, Topics.ACK));
            EventBatch batch = TestEvents.named(TestEvents.batch(KIOSK, 1, 3));
            other.publish(Topics.of("site-2", KIOSK, Topics.EVENTS), batch);
            await("site-2's kiosk-01 acked").atMost(Duration.ofSeconds(10)).until(() -> other.lastAck() == 3);
            Ack ack = other.ackMessages().get(0);
            assertEquals("site-2", ack.siteId());
            assertEquals(batch.batchId(), ack.batchId());
            assertTrue(Signatures.verify(centralKey(), Signatures.ackBytes(ack), ack.sig()));
            assertEquals(Topics.of("site-2", KIOSK, Topics.ACK), other.ackTopics().get(0));

            other.publish(Topics.of("site-2", KIOSK, Topics.STATUS), new KioskStatus(true, "9.9.9", "boot-2",
                    OffsetDateTime.parse("2026-11-22T07:01:02+07:00")));
            await("site-2's kiosk-01 known").atMost(Duration.ofSeconds(10))
                    .until(() -> get("/api/kiosks").size() == 2);
            JsonNode kiosks = get("/api/kiosks");
            JsonNode one = kiosks.get(0);
            JsonNode two = kiosks.get(1);
            assertEquals(List.of(SITE, KIOSK, "0.1.0", "8"), List.of(one.get("siteId").asText(),
                    one.get("kioskId").asText(), one.get("version").asText(), one.get("contiguousSeq").asText()),
                    "site-1's kiosk-01 is where it was");
            assertEquals(List.of("site-2", KIOSK, "9.9.9", "3"), List.of(two.get("siteId").asText(),
                    two.get("kioskId").asText(), two.get("version").asText(), two.get("contiguousSeq").asText()));
            assertEquals(8 + 3, get("/api/stats").get("events").asLong());
            assertEquals(3, get("/api/events?siteId=site-2&kioskId=" + KIOSK).size());
            assertEquals(8, get("/api/events?siteId=" + SITE + "&kioskId=" + KIOSK).size());
            HttpClientResponseException ambiguous = assertThrows(HttpClientResponseException.class,
                    () -> get("/api/events?kioskId=" + KIOSK));
            assertEquals(HttpStatus.BAD_REQUEST, ambiguous.getStatus());
            assertEquals("siteId", ambiguous.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter")
                    .asText());
            assertFalse(get("/api/stats").get("rejected").has("seq_conflict"), "two kiosks, no conflict");
        }
    }

    @Test
    @Order(8)
    void givenRestoredAgentThatRenumbers_whenFifteenSendsCarryTenEventIds_thenTenRowsAndAckedToFifteen()
            throws Exception {
        try (TestMqttClient restored = TestMqttClient.kiosk("tcp://127.0.0.1:" + mqttPort, SITE, "kiosk-restored")) {
            restored.subscribe(Topics.of(SITE, "kiosk-restored", Topics.ACK));
            String topic = Topics.of(SITE, "kiosk-restored", Topics.EVENTS);
            EventBatch ten = TestEvents.named(TestEvents.batch("kiosk-restored", 1, 10));
            restored.publish(topic, ten);
            await("ten acked").atMost(Duration.ofSeconds(10)).until(() -> restored.lastAck() == 10);
            List<KioskEvent> renumbered = new ArrayList<>();
            for (int i = 5; i < 10; i++) {
                renumbered.add(TestEvents.renumbered(ten.events().get(i), i + 6));
            }
            restored.publish(topic, TestEvents.named(EventBatch.of("kiosk-restored", renumbered)));
            await("the resends acked").atMost(Duration.ofSeconds(10)).until(() -> restored.lastAck() == 15);
            assertEquals(10, get("/api/events?siteId=" + SITE + "&kioskId=kiosk-restored").size(),
                    "15 sends, 10 distinct event ids: 10 rows");
        }
    }

    private PublicKey centralKey() {
        return Signatures.readPublicKey(dir.resolve("command-signing.pub"));
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
