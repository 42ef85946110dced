package vn.motcua.agent.rating;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("ratings"));
    }

    private Api api() {
        return new Api(server.getURL());
    }

    private static String rating(String ticketId) {
        return "{\"ticketId\":\"" + ticketId + "\",\"counter\":\"3\",\"officerId\":\"cb-01\",\"procedureCode\":\"2.001914\","
                + "\"level\":\"dissatisfied\",\"scale\":5,\"reasons\":[\"long_wait\"],\"comment\":\"Chờ lâu quá\"}";
    }

    @Test
    void givenTicket_whenRated_thenRatingAndItsEventAreStoredTogether() {
        JsonNode ticket = api().ticket("A");
        long seqBefore = lastSeq();

        HttpResponse<String> r = api().post("/api/ratings", rating(ticket.get("ticketId").asText()));

        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = Api.json(r.body());
        assertEquals(ticket.get("ticketId").asText(), body.get("ticketId").asText());
        assertEquals("dissatisfied", body.get("level").asText());
        assertEquals(List.of("long_wait"), List.of(body.get("reasons").get(0).asText()));
        assertEquals("Chờ lâu quá", body.get("comment").asText());
        UUID.fromString(body.get("ratingId").asText());

        assertEquals(seqBefore + 1, lastSeq());
        KioskEvent event = storedEvent(seqBefore + 1);
        RatingSubmitted data = (RatingSubmitted) event.data();
        assertEquals(body.get("ratingId").asText(), data.ratingId());
        assertEquals(ticket.get("ticketId").asText(), data.ticketId());
        assertEquals(RatingLevel.DISSATISFIED, data.level());
        assertEquals("2.001914", data.procedureCode());
    }

    @Test
    void givenRatedTicket_whenRatedAgain_thenConflictWithKindMessageAndNothingStored() {
        JsonNode ticket = api().ticket("B");
        assertEquals(201, api().post("/api/ratings", rating(ticket.get("ticketId").asText())).statusCode());
        long seqBefore = lastSeq();

        HttpResponse<String> again = api().post("/api/ratings", rating(ticket.get("ticketId").asText()));

        assertEquals(409, again.statusCode(), again.body());
        JsonNode error = Api.json(again.body());
        assertEquals("already_rated", error.get("error").asText());
        assertEquals("Phiếu " + ticket.get("display").asText() + " đã được đánh giá. Cảm ơn bạn!",
                error.get("message").asText());
        assertEquals(seqBefore, lastSeq());
    }

    @Test
    void givenUnknownTicket_whenRated_thenNotFound() {
        long seqBefore = lastSeq();
        HttpResponse<String> r = api().post("/api/ratings", rating(UUID.randomUUID().toString()));

        assertEquals(404, r.statusCode(), r.body());
        JsonNode error = Api.json(r.body());
        assertEquals("ticket_not_found", error.get("error").asText());
        assertEquals("ticketId", error.get("field").asText());
        assertTrue(error.get("message").asText().startsWith("Không tìm thấy phiếu"), r.body());
        assertEquals(seqBefore, lastSeq());
    }

    @Test
    void givenNoTicket_whenRatedOnThreeLevelScale_thenAnonymousRatingIsStored() {
        HttpResponse<String> r = api().post("/api/ratings", "{\"level\":\"very_satisfied\",\"scale\":3}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = Api.json(r.body());
        assertTrue(body.get("ticketId").isNull(), r.body());
        assertEquals(0, body.get("reasons").size());
        RatingSubmitted data = (RatingSubmitted) storedEvent(lastSeq()).data();
        assertEquals(3, data.scale());
        assertEquals(null, data.ticketId());
    }

    @Test
    void givenSameKeyTwice_whenRated_thenOneRatingAndIdenticalBody() {
        JsonNode ticket = api().ticket("C");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = api().post("/api/ratings", rating(ticket.get("ticketId").asText()), key);
        long seqAfterFirst = lastSeq();
        HttpResponse<String> second = api().post("/api/ratings", rating(ticket.get("ticketId").asText()), key);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(first.body(), second.body());
        assertEquals(seqAfterFirst, lastSeq());
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

    private KioskEvent storedEvent(long seq) {
        String payload = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        String batch = "{\"schema\":1,\"kioskId\":\"kiosk-01\",\"events\":[" + payload + "]}";
        return new ProtocolCodec().decodeEventBatch(batch.getBytes(StandardCharsets.UTF_8), "kiosk-01").events().get(0);
    }
}
