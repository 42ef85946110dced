package vn.motcua.agent.counter;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.OutboxReader;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketServed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finishing a ticket days after its call, or after the clock jumped, commits an event the contract accepts; a clock
 * outside the contract's years commits nothing and says so.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceTimeAcrossDaysTest implements TestPropertyProvider {
    private static final String KIOSK = "kiosk-12";

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    MutableClock clock;
    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("service-time"), "kiosk.kiosk-id", KIOSK,
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    private record Called(String token, String ticketId) {
    }

    /** Issues a ticket for counter 3 and calls it there. */
    private Called issueAndCall() {
        JsonNode ticket = new Api(server.getURL()).ticket("B");
        Http.Reply signIn = lanHttp().post("/quay/api/sign-in",
                "{\"officerId\":\"cb-cuong\",\"pin\":\"9753\",\"counter\":\"3\"}");
        assertEquals(200, signIn.status(), signIn.body());
        String token = signIn.json().get("token").asText();
        Http.Reply called = lanHttp().post("/quay/api/call-next", "", token);
        assertEquals(200, called.status(), called.body());
        assertEquals(ticket.get("display").asText(), called.json().get("display").asText());
        return new Called(token, ticket.get("ticketId").asText());
    }

    /** The one event committed since {@code seq}, decoded the way central decodes it. */
    private TicketServed servedSince(long seq) {
        List<KioskEvent> events = OutboxReader.after(db, seq, KIOSK);
        assertEquals(1, events.size(), events.toString());
        return (TicketServed) events.get(0).data();
    }

    @Test
    void givenTicketLeftCalledOverAWeekend_whenFinishedOnMonday_thenTheEventCarriesTheRealSpanAndCentralAcceptsIt() {
        clock.set(Instant.parse("2026-12-04T09:43:00Z")); // Friday 16:43
        String token = issueAndCall().token();
        long seq = OutboxReader.lastSeq(db);
        clock.advance(Duration.ofSeconds(236_422)); // Monday 10:23

        Http.Reply done = lanHttp().post("/quay/api/finish", "", token);

        assertEquals(200, done.status(), done.body());
        assertEquals(236_422, done.json().get("serviceSeconds").asLong());
        assertEquals(236_422, servedSince(seq).serviceSeconds());
    }

    @Test
    void givenClockJumpsYearsForwardDuringAService_whenFinished_thenTheSpanIsClampedToTheContractsBound() {
        clock.set(Instant.parse("2026-12-14T02:00:00Z"));
        String token = issueAndCall().token();
        long seq = OutboxReader.lastSeq(db);
        clock.advance(Duration.ofDays(3 * 365));

        Http.Reply done = lanHttp().post("/quay/api/finish", "", token);

        assertEquals(200, done.status(), done.body());
        assertEquals(TicketServed.MAX_SERVICE_SECONDS, servedSince(seq).serviceSeconds());
        assertEquals(TicketServed.MAX_SERVICE_SECONDS, done.json().get("serviceSeconds").asLong());
    }

    @Test
    void givenClockOutsideTheContractsYears_whenFinishedOrIssuedOrRated_then503NothingCommittedAndLaterItWorks() {
        Instant good = Instant.parse("2026-12-21T02:00:00Z");
        clock.set(good);
        Called open = issueAndCall();
        String token = open.token();
        long seq = OutboxReader.lastSeq(db);

        for (Instant wrong : new Instant[]{Instant.parse("2101-03-01T00:00:00Z"), Instant.parse("1970-01-01T00:00:10Z")}) {
            clock.set(wrong);
            Http.Reply finish = lanHttp().post("/quay/api/finish", "", token);
            assertEquals(503, finish.status(), finish.body());
            assertEquals("clock_out_of_range", finish.json().get("error").asText());
            assertEquals("at", finish.json().get("field").asText());
            HttpResponse<String> ticket = new Api(server.getURL()).post("/api/tickets", "{\"service\":\"A\"}");
            assertEquals(503, ticket.statusCode(), ticket.body());
            HttpResponse<String> rating = new Api(server.getURL()).post("/api/ratings",
                    "{\"level\":\"satisfied\",\"scale\":5}");
            assertEquals(503, rating.statusCode(), rating.body());
            assertTrue(Api.json(rating.body()).get("message").asText().contains("clock"), rating.body());
            assertEquals(seq, OutboxReader.lastSeq(db), "nothing committed");
            assertEquals("called", new Api(server.getURL()).get("/api/tickets/" + open.ticketId()).get("status")
                    .asText(), "the finish was rolled back");
        }

        clock.set(good.plus(Duration.ofMinutes(7)));
        Http.Reply done = lanHttp().post("/quay/api/finish", "", token);
        assertEquals(200, done.status(), done.body());
        assertEquals(420, servedSince(seq).serviceSeconds());
        assertEquals(seq + 1, OutboxReader.lastSeq(db), "the refused attempts left no gap in the sequence");
    }

    @Test
    void givenClockSteppedBackDuringAService_whenFinished_thenZeroSecondsAndAccepted() {
        clock.set(Instant.parse("2026-12-28T03:00:00Z"));
        String token = issueAndCall().token();
        long seq = OutboxReader.lastSeq(db);
        clock.set(Instant.parse("2026-12-28T01:00:00Z"));
        Http.Reply done = lanHttp().post("/quay/api/finish", "", token);
        assertEquals(200, done.status(), done.body());
        assertEquals(0, servedSince(seq).serviceSeconds());
    }
}
