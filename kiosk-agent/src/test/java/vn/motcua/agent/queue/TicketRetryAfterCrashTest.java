package vn.motcua.agent.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.TempDb;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The agent was killed after committing a ticket and before printing it; the screen sends the same request again
 * with the same Idempotency-Key. The retry must answer at once with that ticket, flagged for the on-screen QR —
 * not wait for a print that died with the old process.
 */
@MicronautTest
class TicketRetryAfterCrashTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    TicketService tickets;

    @Override
    public Map<String, String> getProperties() {
        // a print wait this long would outlast the client's 30 s time-out: the retry must not wait on it at all
        return Map.of("kiosk.db-file", TempDb.newFile("retry-crash"), "agent.printer.write-timeout", "10m");
    }

    @Test
    void givenTicketCommittedButNeverPrinted_whenSameKeyRetried_thenSameTicketAnsweredAsNotPrinted() {
        String key = UUID.randomUUID().toString();
        // what the killed process left behind: the ticket and its outbox event, no print record
        Issued before = tickets.issue("B", null, key);

        HttpResponse<String> retry = new Api(server.getURL()).post("/api/tickets", "{\"service\":\"B\",\"priority\":null}",
                key);

        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null));
        JsonNode t = Api.json(retry.body());
        assertEquals(before.ticket().ticketId(), t.get("ticketId").asText());
        assertFalse(t.get("printed").asBoolean());
        assertEquals("error", t.get("printProblem").asText());
    }
}
