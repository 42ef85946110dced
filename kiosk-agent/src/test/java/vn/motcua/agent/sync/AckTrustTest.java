package vn.motcua.agent.sync;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.CentralStub;
import vn.motcua.testsupport.Mosquitto;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.EventBatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only central's word deletes: acks on the kiosk's real ack topic of a real Mosquitto, from anyone who can publish
 * there. Every refused ack leaves the outbox and the numbering as they were, is logged with its reason and counted
 * in {@code /api/status}; central's own signed acks keep working afterwards. The kiosk is a {@code kiosk-01}, as at
 * every site.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AckTrustTest implements TestPropertyProvider {
    private static final String SITE = "site-a";
    private static final String KIOSK = "kiosk-01";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Mosquitto broker;
    private final CentralKeys centralKeys = new CentralKeys();
    private final CentralKeys attackerKeys = new CentralKeys();
    private final List<CentralStub> stubs = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        broker = new Mosquitto().start();
        return Map.ofEntries(
                Map.entry("kiosk.db-file", TempDb.newFile("ack-trust")),
                Map.entry("kiosk.site-id", SITE),
                Map.entry("kiosk.kiosk-id", KIOSK),
                Map.entry("mqtt.url", broker.url()),
                Map.entry("agent.remote.public-key-file",
                        centralKeys.writePublicKey(CentralKeys.tempFolder("ack-trust-keys"))),
                Map.entry("agent.sync.enabled", "true"),
                Map.entry("agent.sync.ack-timeout", "1500ms"),
                Map.entry("agent.sync.idle-wait", "200ms"),
                Map.entry("agent.sync.reconnect-min-delay", "100ms"),
                Map.entry("agent.sync.reconnect-max-delay", "500ms"));
    }

    @BeforeEach
    void listen() {
        log.list.clear();
        log.start();
        ((Logger) LoggerFactory.getLogger(Publisher.class)).addAppender(log);
    }

    /** Leaves nothing unacknowledged for the next test. */
    @AfterEach
    void drain() throws Exception {
        ((Logger) LoggerFactory.getLogger(Publisher.class)).detachAppender(log);
        central().autoAck(true);
        await().atMost(WAIT).until(() -> status().get("outboxBacklog").asLong() == 0);
        stubs.forEach(CentralStub::close);
        stubs.clear();
    }

    @AfterAll
    void stopBroker() {
        broker.stop();
    }

    private Api api() {
        return new Api(server.getURL());
    }

    private JsonNode status() {
        return api().get("/api/status");
    }

    private long status(String field) {
        return status().get(field).asLong();
    }

    private CentralStub central() throws Exception {
        return stub(centralKeys);
    }

    private CentralStub stub(CentralKeys keys) throws Exception {
        CentralStub stub = new CentralStub(broker.url(), keys, SITE, KIOSK, status("lastAckSeq"));
        stubs.add(stub);
        return stub;
    }

    /** Issues tickets and waits until central has them; returns the last seq. */
    private long ticketsReceivedBy(CentralStub... receivers) {
        await().atMost(WAIT).until(() -> status().get("broker").get("connected").asBoolean());
        for (int i = 0; i < 3; i++) {
            api().ticket("A");
        }
        long last = status("lastSeq");
        for (CentralStub r : receivers) {
            await().atMost(WAIT).until(() -> r.received(last));
        }
        return last;
    }

    private EventBatch newestBatchWith(CentralStub stub, long seq) {
        List<EventBatch> batches = List.copyOf(stub.batches());
        for (int i = batches.size() - 1; i >= 0; i--) {
            if (batches.get(i).events().stream().anyMatch(e -> e.seq() == seq)) {
                return batches.get(i);
            }
        }
        throw new AssertionError("no batch with seq " + seq);
    }

    private void awaitRefused(long count, String reason) {
        await().atMost(WAIT).until(() -> status("acksRefused") >= count);
        await().atMost(WAIT).until(() -> log.list.stream().anyMatch(e -> e.getFormattedMessage()
                .contains("ack refused, " + reason)));
    }

    private void assertNothingDeleted(long backlog, long lastAck, long lastSeq) {
        assertEquals(backlog, status("outboxBacklog"), "nothing deleted");
        assertEquals(lastAck, status("lastAckSeq"), "the acknowledged sequence did not move");
        assertEquals(lastSeq, status("lastSeq"), "the numbering did not move");
    }

    @Test
    void givenForgedUnsignedAck_whenPublishedOnTheKiosksAckTopic_thenNothingIsDeletedAndCentralsAcksStillWork()
            throws Exception {
        CentralStub central = central();
        long last = ticketsReceivedBy(central);
        long backlog = status("outboxBacklog");
        long lastAck = status("lastAckSeq");
        long refused = status("acksRefused");
        EventBatch sent = newestBatchWith(central, last);

        try (CentralStub anyone = new CentralStub(broker.url(), attackerKeys, SITE, KIOSK)) {
            anyone.publishOnAckTopic(("{\"upToSeq\":" + last + "}").getBytes(StandardCharsets.UTF_8));
            awaitRefused(refused + 1, "unreadable or unsigned");
            anyone.publishOnAckTopic(("{\"siteId\":\"" + SITE + "\",\"kioskId\":\"" + KIOSK + "\",\"upToSeq\":" + last
                    + ",\"batchId\":\"" + sent.batchId() + "\",\"sig\":\"AAAA\"}").getBytes(StandardCharsets.UTF_8));
            awaitRefused(refused + 2, "bad signature");
        }
        assertNothingDeleted(backlog, lastAck, last);

        central.ack(last);
        await().atMost(WAIT).until(() -> status("outboxBacklog") == 0);
        assertEquals(last, status("lastAckSeq"));
        assertEquals(refused + 2, status("acksRefused"), "central's own ack is not refused");
    }

    @Test
    void givenAckSignedWithAnotherKey_whenPublished_thenIgnored() throws Exception {
        CentralStub central = central();
        CentralStub attacker = stub(attackerKeys);
        long last = ticketsReceivedBy(central, attacker);
        long backlog = status("outboxBacklog");
        long lastAck = status("lastAckSeq");
        long refused = status("acksRefused");

        attacker.ack(newestBatchWith(attacker, last), last);

        awaitRefused(refused + 1, "bad signature");
        assertNothingDeleted(backlog, lastAck, last);
        central.ack(last);
        await().atMost(WAIT).until(() -> status("outboxBacklog") == 0);
    }

    @Test
    void givenAckCentralSignedForAnotherSitesKiosk01_whenPublishedOnThisKiosksTopic_thenIgnored() throws Exception {
        CentralStub central = central();
        long last = ticketsReceivedBy(central);
        long backlog = status("outboxBacklog");
        long lastAck = status("lastAckSeq");
        long refused = status("acksRefused");

        central.publishOnAckTopic(centralKeys.ack("site-b", KIOSK, newestBatchWith(central, last).batchId(), last));

        awaitRefused(refused + 1, "addressed to another kiosk");
        assertNothingDeleted(backlog, lastAck, last);
        central.ack(last);
        await().atMost(WAIT).until(() -> status("outboxBacklog") == 0);
    }

    @Test
    void givenSignedAckOfLongMaxValue_whenItAnswersABatchInFlight_thenRefusedAndNextEventsGetPositiveConsecutiveSeqs()
            throws Exception {
        CentralStub central = central();
        long last = ticketsReceivedBy(central);
        long backlog = status("outboxBacklog");
        long lastAck = status("lastAckSeq");
        long refused = status("acksRefused");

        central.ack(newestBatchWith(central, last), Long.MAX_VALUE);

        awaitRefused(refused + 1, "beyond what was sent");
        assertNothingDeleted(backlog, lastAck, last);
        api().ticket("B");
        api().ticket("B");
        assertEquals(last + 2, status("lastSeq"), "numbering goes on from the kiosk's own last seq");
        await().atMost(WAIT).until(() -> central.received(last + 1) && central.received(last + 2));
        assertTrue(central.events().stream().allMatch(e -> e.seq() > 0), "no negative seq");
        central.ack(last + 2);
        await().atMost(WAIT).until(() -> status("outboxBacklog") == 0);
        assertEquals(last + 2, status("lastAckSeq"));
    }

    @Test
    void givenSyncOnAndNoCentralPublicKey_whenAgentStarts_thenItRefusesNamingTheVariable() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(Map.of(
                "kiosk.db-file", TempDb.newFile("no-key"), "agent.sync.enabled", true,
                "mqtt.url", broker.url(), "agent.remote.public-key-file", "/nonexistent/command-signing.pub"),
                "test").close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("set KIOSK_COMMAND_KEY (agent.remote.public-key-file)"),
                messages.toString());
    }
}
