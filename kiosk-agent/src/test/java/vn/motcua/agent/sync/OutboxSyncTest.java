package vn.motcua.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.CentralStub;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent against a real Mosquitto, with a plain-Paho stand-in for central that acks when told to. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxSyncTest implements TestPropertyProvider {
    private static final String SITE = "site-sync";
    private static final String KIOSK = "kiosk-sync";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Mosquitto broker;
    private final CentralKeys keys = new CentralKeys();

    @Inject
    EmbeddedServer server;
    @Inject
    MqttTransport transport;

    private final List<CentralStub> stubs = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        broker = new Mosquitto().start();
        return Map.ofEntries(
                Map.entry("kiosk.db-file", TempDb.newFile("sync")),
                Map.entry("kiosk.site-id", SITE),
                Map.entry("kiosk.kiosk-id", KIOSK),
                Map.entry("mqtt.url", broker.url()),
                Map.entry("agent.remote.public-key-file", keys.writePublicKey(CentralKeys.tempFolder("sync-keys"))),
                Map.entry("agent.sync.enabled", "true"),
                Map.entry("agent.sync.ack-timeout", "1500ms"),
                Map.entry("agent.sync.idle-wait", "200ms"),
                Map.entry("agent.sync.reconnect-min-delay", "100ms"),
                Map.entry("agent.sync.reconnect-max-delay", "500ms"),
                Map.entry("agent.sync.keep-alive", "2s"));
    }

    private Api api() {
        return new Api(server.getURL());
    }

    private CentralStub central() throws Exception {
        CentralStub stub = new CentralStub(broker.url(), keys, SITE, KIOSK, status().get("lastAckSeq").asLong());
        stubs.add(stub);
        return stub;
    }

    private JsonNode status() {
        return api().get("/api/status");
    }

    /** Leaves nothing unacknowledged for the next test. */
    @AfterEach
    void drain() throws Exception {
        central().autoAck(true);
        await().atMost(WAIT).until(() -> status().get("outboxBacklog").asLong() == 0);
        stubs.forEach(CentralStub::close);
        stubs.clear();
    }

    @AfterAll
    void stopBroker() {
        broker.stop();
    }

    @Test
    void givenBrokerUp_whenTicketsIssued_thenBatchesArriveAndRowsAreDeletedOnlyWhenAcked() throws Exception {
        CentralStub central = central();
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        List<String> ticketIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ticketIds.add(api().ticket("A").get("ticketId").asText());
        }
        long last = status().get("lastSeq").asLong();

        await().atMost(WAIT).until(() -> central.received(last));
        List<String> published = central.events().stream().filter(e -> e.data() instanceof TicketIssued)
                .map(e -> ((TicketIssued) e.data()).ticketId()).toList();
        assertTrue(published.containsAll(ticketIds), published.toString());
        assertTrue(central.rejected().isEmpty(), central.rejected().toString());
        for (EventBatch batch : central.batches()) {
            assertEquals(KIOSK, batch.kioskId());
        }
        JsonNode beforeAck = status();
        assertTrue(beforeAck.get("outboxBacklog").asLong() >= 3, "rows stay until acked: " + beforeAck);

        central.ack(last - 1);
        await().atMost(WAIT).until(() -> status().get("lastAckSeq").asLong() == last - 1);
        assertEquals(1, status().get("outboxBacklog").asLong(), "the unacked last event stays");

        central.ack(last);
        await().atMost(WAIT).until(() -> status().get("outboxBacklog").asLong() == 0);
        assertEquals(last, status().get("lastAckSeq").asLong());
    }

    @Test
    void givenNoAck_whenAckTimeoutPasses_thenUnackedEventsAreSentAgain() throws Exception {
        CentralStub central = central();
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        api().ticket("B");
        long seq = status().get("lastSeq").asLong();

        await().atMost(WAIT).until(() -> central.timesReceived(seq) >= 2);
        assertEquals(1, status().get("outboxBacklog").asLong(), "still waiting for central's ack");
        List<String> ids = central.batches().stream().filter(b -> b.events().stream().anyMatch(e -> e.seq() == seq))
                .map(EventBatch::batchId).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "every publication has its own batch id: " + ids);

        central.ack(seq);
        await().atMost(WAIT).until(() -> status().get("outboxBacklog").asLong() == 0);
    }

    @Test
    void givenBrokerDown_whenTicketsIssued_thenTheyAreServedAndDeliveredAfterRestart() throws Exception {
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        broker.stop();
        await().atMost(WAIT).until(() -> !status().get("broker").get("connected").asBoolean());

        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            api().ticket("C");
            seqs.add(status().get("lastSeq").asLong());
        }
        assertEquals(5, status().get("outboxBacklog").asLong());

        broker.start();
        CentralStub central = central().autoAck(true);
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        await().atMost(WAIT).until(() -> status().get("outboxBacklog").asLong() == 0);
        for (long seq : seqs) {
            assertTrue(central.received(seq), "seq " + seq + " delivered after the broker came back");
        }
    }

    @Test
    void givenConnected_whenStatusRead_thenRetainedOnline_andWhenConnectionDies_thenWillSaysOffline() throws Exception {
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        CentralStub central = central();
        await().atMost(WAIT).until(() -> !central.statuses().isEmpty());
        KioskStatus retained = central.statuses().get(0);
        assertTrue(retained.online(), retained.toString());

        transport.dropConnection();

        await().atMost(WAIT).until(() -> central.statuses().stream().anyMatch(s -> !s.online()));
        KioskStatus will = central.statuses().stream().filter(s -> !s.online()).findFirst().orElseThrow();
        assertEquals(retained.bootId(), will.bootId());
        assertEquals(retained.version(), will.version());
        assertFalse(will.online());
        await().atMost(WAIT).until(() -> central.statuses().get(central.statuses().size() - 1).online());
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
    }

    @Test
    void givenManyEvents_whenPublished_thenBatchesRespectContractLimits() throws Exception {
        CentralStub central = central().autoAck(true);
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        for (int i = 0; i < 30; i++) {
            api().post("/api/ratings", "{\"level\":\"dissatisfied\",\"scale\":5,\"comment\":\"" + "ư".repeat(500) + "\"}");
        }
        long last = status().get("lastSeq").asLong();
        await().atMost(WAIT).until(() -> central.received(last));
        for (EventBatch b : central.batches()) {
            assertTrue(b.events().size() <= EventBatch.MAX_EVENTS);
            long[] seqs = b.events().stream().mapToLong(KioskEvent::seq).toArray();
            for (int i = 1; i < seqs.length; i++) {
                assertEquals(seqs[i - 1] + 1, seqs[i], "a batch is a contiguous run of seqs");
            }
        }
        assertTrue(central.rejected().isEmpty(), central.rejected().toString());
    }
}
