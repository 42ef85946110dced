package vn.motcua.agent.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;
import vn.motcua.screen.StreamEventType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local API other parts code against: issue with print result and status URL, look-up, ratings, test print. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketContractTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    TicketPrinter printer;
    @Inject
    KioskEventBus bus;

    private final Path folder = tempFolder();

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("printed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("contract"), "agent.printer.folder", folder.toString(),
                "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
    }

    private Http api() {
        return new Http(server.getURL().toString());
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    @AfterEach
    void paperBack() throws IOException {
        Files.deleteIfExists(folder.resolve("PAPER_OUT"));
        printer.refresh();
    }

    @Test
    void givenPaper_whenTicketIssued_thenPrintedWithBytesPreviewAndStatusUrl() throws IOException {
        Http.Reply r = api().post("/api/tickets", "{\"service\":\"A\",\"priority\":null}");
        assertEquals(201, r.status(), r.body());
        JsonNode t = r.json();
        String id = t.get("ticketId").asText();
        assertTrue(t.get("printed").asBoolean(), r.body());
        assertTrue(t.get("printProblem").isNull());
        assertEquals(lan.baseUrl() + "/t/" + id, t.get("statusUrl").asText());
        String display = t.get("display").asText();
        byte[] bin = Files.readAllBytes(folder.resolve(display + "-" + id + ".bin"));
        assertEquals(0x1B, bin[0]);
        assertEquals('@', bin[1]);
        assertTrue(Files.size(folder.resolve(display + "-" + id + ".png")) > 0);
        assertEquals("ready", api().get("/api/status").json().get("printer").get("status").asText());
    }

    @Test
    void givenPaperOutFile_whenTicketIssued_thenTicketIssuedUnprintedAndStatusSaysPaperOut() throws IOException {
        Files.createFile(folder.resolve("PAPER_OUT"));
        Http.Reply r = api().post("/api/tickets", "{\"service\":\"B\",\"priority\":\"elderly\"}");
        assertEquals(201, r.status(), r.body());
        JsonNode t = r.json();
        assertFalse(t.get("printed").asBoolean());
        assertEquals("paper_out", t.get("printProblem").asText());
        String id = t.get("ticketId").asText();
        assertFalse(Files.exists(folder.resolve(t.get("display").asText() + "-" + id + ".bin")));
        JsonNode status = api().get("/api/status").json().get("printer");
        assertEquals("paper_out", status.get("status").asText());
        assertTrue(status.get("detail").asText().contains("out of paper"), status.toString());
        assertEquals("waiting", api().get("/api/tickets/" + id).json().get("status").asText(), "the ticket exists");

        Files.delete(folder.resolve("PAPER_OUT"));
        printer.refresh();
        assertEquals("ready", api().get("/api/status").json().get("printer").get("status").asText());
    }

    @Test
    void givenTicket_whenLookedUpByIdAndNumber_thenBothAnswerWithQueuePosition() {
        JsonNode first = api().post("/api/tickets", "{\"service\":\"C\"}").json();
        JsonNode second = api().post("/api/tickets", "{\"service\":\"C\"}").json();

        JsonNode byId = api().get("/api/tickets/" + second.get("ticketId").asText()).json();
        assertEquals(second.get("display").asText(), byId.get("display").asText());
        assertEquals("C", byId.get("service").asText());
        assertEquals("waiting", byId.get("status").asText());
        assertTrue(byId.get("counter").isNull());
        assertTrue(byId.get("officerId").isNull());
        assertTrue(byId.get("officerName").isNull());
        assertFalse(byId.get("rated").asBoolean());
        assertEquals(1, byId.get("peopleAhead").asInt());

        Http.Reply byNumber = api().get("/api/tickets?number=" + first.get("display").asText());
        assertEquals(200, byNumber.status(), byNumber.body());
        assertEquals(first.get("ticketId").asText(), byNumber.json().get("ticketId").asText());
        assertEquals(0, byNumber.json().get("peopleAhead").asInt());
    }

    @Test
    void givenUnknownTicket_whenLookedUp_then404TicketNotFound() {
        Http.Reply r = api().get("/api/tickets/00000000-0000-0000-0000-000000000000");
        assertEquals(404, r.status());
        assertEquals("ticket_not_found", r.json().get("error").asText());
        Http.Reply n = api().get("/api/tickets?number=Z999");
        assertEquals(404, n.status());
        assertEquals("ticket_not_found", n.json().get("error").asText());
        Http.Reply bad = api().get("/api/tickets?number=a12;drop");
        assertEquals(400, bad.status());
        assertEquals("number", bad.json().get("field").asText());
    }

    @Test
    void givenServedTicket_whenRatedWithTicketIdOnly_thenCounterAndOfficerComeFromTheCall() {
        List<Object> calls = new CopyOnWriteArrayList<>();
        Runnable off = bus.subscribe(event -> {
            if (event.type() == StreamEventType.CALL) {
                calls.add(event);
            }
        });
        try {
            JsonNode t = api().post("/api/tickets", "{\"service\":\"A\"}").json();
            String token = lanHttp().post("/quay/api/sign-in",
                    "{\"officerId\":\"cb-an\",\"pin\":\"2468\",\"counter\":\"1\"}").json().get("token").asText();
            JsonNode called;
            do {
                called = lanHttp().post("/quay/api/call-next", "", token).json();
                if (!called.get("ticketId").asText().equals(t.get("ticketId").asText())) {
                    lanHttp().post("/quay/api/finish", "", token);
                }
            } while (!called.get("ticketId").asText().equals(t.get("ticketId").asText()));
            assertEquals(200, lanHttp().post("/quay/api/finish", "", token).status());
            assertFalse(calls.isEmpty(), "a call event was published");
            assertTrue(calls.get(calls.size() - 1).toString().contains(t.get("display").asText()));

            Http.Reply r = api().post("/api/ratings", "{\"ticketId\":\"" + t.get("ticketId").asText()
                    + "\",\"level\":\"satisfied\",\"scale\":5}");
            assertEquals(201, r.status(), r.body());
            assertEquals("1", r.json().get("counter").asText());
            assertEquals("cb-an", r.json().get("officerId").asText());

            JsonNode status = api().get("/api/tickets/" + t.get("ticketId").asText()).json();
            assertEquals("served", status.get("status").asText());
            assertEquals("Nguyễn Thị An", status.get("officerName").asText());
            assertTrue(status.get("rated").asBoolean());
        } finally {
            off.run();
        }
    }

    @Test
    void givenFilePrinter_whenTestPrinted_thenSlipWritten() throws IOException {
        Http.Reply r = api().post("/api/print/test", "");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("printed").asBoolean());
        try (var files = Files.list(folder)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("test-")));
        }
    }
}
