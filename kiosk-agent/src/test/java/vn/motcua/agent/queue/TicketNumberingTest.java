package vn.motcua.agent.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketIssued;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketNumberingTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    MutableClock clock;
    @Inject
    Database db;

    private final ProtocolCodec codec = new ProtocolCodec();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("numbering"), "kiosk.kiosk-id", "kiosk-07");
    }

    private Api api() {
        return new Api(server.getURL());
    }

    @Test
    void givenHundredConcurrentRequests_whenTicketsIssued_thenNumbersAndOutboxSeqsAreGapFree() {
        clock.set(Instant.parse("2026-11-23T02:00:00Z"));
        long seqBefore = lastSeq();
        List<CompletableFuture<HttpResponse<String>>> requests = IntStream.range(0, 100)
                .mapToObj(i -> api().postAsync("/api/tickets", "{\"service\":\"A\",\"priority\":null}", null))
                .toList();

        List<JsonNode> tickets = requests.stream().map(CompletableFuture::join).map(r -> {
            assertEquals(201, r.statusCode(), r.body());
            return Api.json(r.body());
        }).toList();

        Set<Integer> numbers = tickets.stream().map(t -> t.get("number").asInt()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(IntStream.rangeClosed(1, 100).boxed().collect(Collectors.toCollection(TreeSet::new)), numbers);
        for (JsonNode t : tickets) {
            assertEquals(String.format("A%03d", t.get("number").asInt()), t.get("display").asText());
            assertEquals(t.get("number").asInt() - 1, t.get("peopleAhead").asInt(), t.toString());
        }

        List<KioskEvent> events = outboxEventsAfter(seqBefore);
        assertEquals(LongStream.rangeClosed(seqBefore + 1, seqBefore + 100).boxed().toList(),
                events.stream().map(KioskEvent::seq).toList(), "outbox seqs contiguous");
        Set<String> ticketIds = tickets.stream().map(t -> t.get("ticketId").asText()).collect(Collectors.toSet());
        Set<String> eventTicketIds = events.stream().map(e -> ((TicketIssued) e.data()).ticketId()).collect(Collectors.toSet());
        assertEquals(ticketIds, eventTicketIds, "exactly one ticket.issued event per ticket");
        for (KioskEvent e : events) {
            assertEquals(EventType.TICKET_ISSUED, e.type());
            assertEquals("2026-11-23T09:00+07:00", e.at().toString());
        }
    }

    @Test
    void givenLocalMidnightPasses_whenTicketIssued_thenNumberingRestartsAtOne() {
        clock.set(Instant.parse("2026-11-24T16:59:58Z")); // 23:59:58 in Ho Chi Minh City
        assertEquals(1, api().ticket("B").get("number").asInt());
        clock.set(Instant.parse("2026-11-24T16:59:59Z")); // 23:59:59
        JsonNode beforeMidnight = api().ticket("B");
        assertEquals(2, beforeMidnight.get("number").asInt());
        assertEquals("2026-11-24T23:59:59+07:00", beforeMidnight.get("issuedAt").asText());

        clock.set(Instant.parse("2026-11-24T17:00:01Z")); // 00:00:01 the next local day
        JsonNode afterMidnight = api().ticket("B");
        assertEquals(1, afterMidnight.get("number").asInt());
        assertEquals("B001", afterMidnight.get("display").asText());
        assertEquals(0, afterMidnight.get("peopleAhead").asInt());
        assertEquals("2026-11-25T00:00:01+07:00", afterMidnight.get("issuedAt").asText());
        assertEquals(2, api().ticket("B").get("number").asInt());
        assertEquals(2, api().get("/api/status").get("queues").get("B").asInt(), "status counts today's queue only");
    }

    @Test
    void givenMoreThan999Tickets_whenDisplayed_thenMoreDigitsAreUsed() {
        assertEquals("A012", TicketService.display("A", 12));
        assertEquals("C999", TicketService.display("C", 999));
        assertEquals("C1000", TicketService.display("C", 1000));
    }

    @Test
    void givenTicketsIssued_whenStatusRead_thenBacklogAndLastSeqMatchTheOutbox() {
        clock.set(Instant.parse("2026-11-26T03:00:00Z"));
        api().ticket("C");
        api().ticket("C");
        JsonNode status = api().get("/api/status");
        assertEquals("kiosk-07", status.get("kioskId").asText());
        assertEquals(2, status.get("queues").get("C").asInt());
        assertEquals(lastSeq(), status.get("lastSeq").asLong());
        assertEquals(lastSeq(), status.get("outboxBacklog").asLong());
        assertEquals(0, status.get("lastAckSeq").asLong());
        assertTrue(status.get("broker").has("url"));
        assertEquals(false, status.get("broker").get("connected").asBoolean());
    }

    private long lastSeq() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value - 1 FROM sync_state WHERE name = 'next_seq'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Decodes the stored payloads the way central will: spliced into a batch, through the contract's codec. */
    private List<KioskEvent> outboxEventsAfter(long seq) {
        List<String> payloads = db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE seq > ? ORDER BY seq")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        String batch = "{\"schema\":1,\"kioskId\":\"kiosk-07\",\"events\":[" + String.join(",", payloads) + "]}";
        EventBatch decoded = codec.decodeEventBatch(batch.getBytes(StandardCharsets.UTF_8), "kiosk-07");
        return decoded.events();
    }
}
