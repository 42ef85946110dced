package vn.motcua.agent.queue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.TempDb;

import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketIdempotencyTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("idempotency"));
    }

    private Api api() {
        return new Api(server.getURL());
    }

    @Test
    void givenSameKeyTwice_whenTicketRequested_thenOneTicketAndIdenticalBody() {
        String key = UUID.randomUUID().toString();
        long ticketsBefore = count("ticket");
        long outboxBefore = count("outbox");

        HttpResponse<String> first = api().post("/api/tickets", "{\"service\":\"A\",\"priority\":\"elderly\"}", key);
        HttpResponse<String> second = api().post("/api/tickets", "{\"service\":\"A\",\"priority\":\"elderly\"}", key);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(first.body(), second.body());
        assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(ticketsBefore + 1, count("ticket"));
        assertEquals(outboxBefore + 1, count("outbox"));
    }

    @Test
    void givenSameKeyConcurrently_whenTicketRequested_thenOneTicketAndIdenticalBodies() {
        String key = UUID.randomUUID().toString();
        long ticketsBefore = count("ticket");
        long outboxBefore = count("outbox");

        List<CompletableFuture<HttpResponse<String>>> requests = IntStream.range(0, 20)
                .mapToObj(i -> api().postAsync("/api/tickets", "{\"service\":\"B\"}", key)).toList();
        List<HttpResponse<String>> responses = requests.stream().map(CompletableFuture::join).toList();

        for (HttpResponse<String> r : responses) {
            assertEquals(201, r.statusCode(), r.body());
            assertEquals(responses.get(0).body(), r.body());
        }
        assertEquals(ticketsBefore + 1, count("ticket"));
        assertEquals(outboxBefore + 1, count("outbox"));
    }

    @Test
    void givenKeyUsedForAnotherService_whenTicketRequested_thenConflictAndNothingCreated() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, api().post("/api/tickets", "{\"service\":\"C\"}", key).statusCode());
        long ticketsBefore = count("ticket");

        HttpResponse<String> reused = api().post("/api/tickets", "{\"service\":\"A\"}", key);

        assertEquals(409, reused.statusCode(), reused.body());
        assertEquals("idempotency_key_reused", Api.json(reused.body()).get("error").asText());
        assertEquals(ticketsBefore, count("ticket"));
    }

    @Test
    void givenDifferentKeys_whenTicketRequested_thenDifferentTickets() {
        String a = Api.json(api().post("/api/tickets", "{\"service\":\"B\"}", UUID.randomUUID().toString()).body())
                .get("ticketId").asText();
        String b = Api.json(api().post("/api/tickets", "{\"service\":\"B\"}", UUID.randomUUID().toString()).body())
                .get("ticketId").asText();
        assertEquals(false, a.equals(b));
    }

    private long count(String table) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
