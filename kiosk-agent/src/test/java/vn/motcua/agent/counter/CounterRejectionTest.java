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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input at the counter: each a clear error naming the field, and what was already issued or called survives. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterRejectionTest implements TestPropertyProvider {
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
            return Map.of("kiosk.db-file", TempDb.newFile("counter-rejects"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    private Http.Reply signIn(String officer, String pin, String counter) {
        return lanHttp().post("/quay/api/sign-in", "{\"officerId\":\"" + officer + "\",\"pin\":\"" + pin
                + "\",\"counter\":\"" + counter + "\"}");
    }

    @Test
    void givenUnknownCounterOrOfficerOrMissingPin_whenSigningIn_then400NamingTheField() {
        Http.Reply counter = signIn("cb-an", "2468", "9");
        assertEquals(400, counter.status());
        assertEquals("counter", counter.json().get("field").asText());
        Http.Reply officer = signIn("cb-nobody", "2468", "1");
        assertEquals(400, officer.status());
        assertEquals("officerId", officer.json().get("field").asText());
        Http.Reply noPin = lanHttp().post("/quay/api/sign-in", "{\"officerId\":\"cb-an\",\"counter\":\"1\"}");
        assertEquals(400, noPin.status());
        assertEquals("pin", noPin.json().get("field").asText());
        Http.Reply notJson = lanHttp().post("/quay/api/sign-in", "{officer");
        assertEquals(400, notJson.status());
        assertEquals("body", notJson.json().get("field").asText());
    }

    @Test
    void givenNoSignIn_whenCalling_then401AndTheQueueIsUntouched() {
        clock.set(Instant.parse("2026-12-03T02:00:00Z"));
        // a service counter 3 does not serve: the day never goes backwards, so this ticket may share another test's day
        JsonNode t = new Api(server.getURL()).ticket("A");
        long seq = OutboxReader.lastSeq(db);
        Http.Reply none = lanHttp().post("/quay/api/call-next", "", null);
        assertEquals(401, none.status());
        assertEquals("not_signed_in", none.json().get("error").asText());
        Http.Reply forged = lanHttp().post("/quay/api/call-next", "", "not-a-session");
        assertEquals(401, forged.status());
        assertEquals(seq, OutboxReader.lastSeq(db), "no event written");
        assertEquals("waiting", new Api(server.getURL()).get("/api/tickets/" + t.get("ticketId").asText())
                .get("status").asText());
    }

    @Test
    void givenCalledTicket_whenTransferredToUnknownService_then400AndTicketStaysCalledThenGoodTransferWorks() {
        clock.set(Instant.parse("2026-12-04T02:00:00Z"));
        Api api = new Api(server.getURL());
        JsonNode t = api.ticket("B");
        String token = signIn("cb-cuong", "9753", "3").json().get("token").asText();
        assertEquals(t.get("display").asText(), lanHttp().post("/quay/api/call-next", "", token).json()
                .get("display").asText());

        Http.Reply bad = lanHttp().post("/quay/api/transfer", "{\"service\":\"Z\"}", token);
        assertEquals(400, bad.status());
        assertEquals("service", bad.json().get("field").asText());
        Http.Reply missing = lanHttp().post("/quay/api/transfer", "{}", token);
        assertEquals(400, missing.status());
        assertEquals("service", missing.json().get("field").asText());
        assertEquals("called", api.get("/api/tickets/" + t.get("ticketId").asText()).get("status").asText());

        Http.Reply good = lanHttp().post("/quay/api/transfer", "{\"service\":\"C\"}", token);
        assertEquals(200, good.status(), good.body());
        JsonNode after = api.get("/api/tickets/" + t.get("ticketId").asText());
        assertEquals("waiting", after.get("status").asText());
        assertEquals("C", after.get("service").asText());
        assertEquals(t.get("display").asText(), after.get("display").asText(), "keeps its number");

        Http.Reply again = lanHttp().post("/quay/api/call-next", "", token);
        assertEquals(t.get("display").asText(), again.json().get("display").asText());
        Http.Reply busy = lanHttp().post("/quay/api/call-next", "", token);
        assertEquals(409, busy.status(), "finish the open ticket before calling the next");
        Http.Reply noShow = lanHttp().post("/quay/api/no-show", "", token);
        assertEquals(200, noShow.status());
        assertEquals("no_show", api.get("/api/tickets/" + t.get("ticketId").asText()).get("status").asText());
        Http.Reply nothing = lanHttp().post("/quay/api/recall", "", token);
        assertEquals(409, nothing.status());
        assertEquals("no_ticket_called", nothing.json().get("error").asText());
    }

    @Test
    void givenTicketQr_whenPhoneOpensStatusPage_thenVietnamesePageWithPosition() {
        clock.set(Instant.parse("2026-12-05T02:00:00Z"));
        JsonNode t = new Api(server.getURL()).ticket("A");
        Http.Reply page = new Http(t.get("statusUrl").asText()).get(t.get("statusUrl").asText());
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.body().contains(t.get("display").asText()), page.body());
        assertTrue(page.body().contains("Bạn là người tiếp theo"), page.body());
        Http.Reply missing = lanHttp().get("/t/00000000-0000-0000-0000-000000000000");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("Không tìm thấy phiếu"));
    }
}
