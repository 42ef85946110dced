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
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter side over real HTTP on the LAN port: sign-in, the call order, outbox events, the hall display feed. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterFlowTest implements TestPropertyProvider {
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
            return Map.of("kiosk.db-file", TempDb.newFile("counter"), "kiosk.kiosk-id", "kiosk-09",
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "agent.counter.priority-every", "2",
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    private JsonNode issue(String service, String priority) {
        var r = new Api(server.getURL()).post("/api/tickets", "{\"service\":\"" + service + "\",\"priority\":"
                + (priority == null ? "null" : "\"" + priority + "\"") + "}");
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r.body());
    }

    private String ticket(String service, String priority) {
        return issue(service, priority).get("display").asText();
    }

    private String signIn(String officer, String pin, String counter) {
        Http.Reply r = lanHttp().post("/quay/api/sign-in", "{\"officerId\":\"" + officer + "\",\"pin\":\"" + pin
                + "\",\"counter\":\"" + counter + "\"}");
        assertEquals(200, r.status(), r.body());
        return r.json().get("token").asText();
    }

    private String callAndFinish(String token, Duration serviceTime) {
        Http.Reply called = lanHttp().post("/quay/api/call-next", "", token);
        assertEquals(200, called.status(), called.body());
        clock.advance(serviceTime);
        Http.Reply done = lanHttp().post("/quay/api/finish", "", token);
        assertEquals(200, done.status(), done.body());
        assertEquals("served", done.json().get("status").asText());
        return called.json().get("display").asText();
    }

    @Test
    void givenThreeCountersAndMixedPriorityTickets_whenCalled_thenOrderFollowsRuleAndEventsNameCounterOfficerAndTime()
            throws Exception {
        clock.set(Instant.parse("2026-12-01T02:00:00Z"));
        List<String> sse = new CopyOnWriteArrayList<>();
        InputStream stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(lan.baseUrl() + "/man-hinh/events")).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sse.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the test ends by closing the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().until(() -> sse.contains("event: recent"));

        List<String> issued = new ArrayList<>();
        for (String[] t : new String[][]{{"A", null}, {"A", null}, {"A", null}, {"A", "elderly"}, {"A", "disabled"},
                {"B", null}, {"B", null}, {"B", "pregnant"}}) {
            issued.add(ticket(t[0], t[1]));
        }
        assertEquals(List.of("A001", "A002", "A003", "A004", "A005", "B001", "B002", "B003"), issued);
        long seqBefore = OutboxReader.lastSeq(db);

        String one = signIn("cb-an", "2468", "1");
        String three = signIn("cb-cuong", "9753", "3");
        String two = signIn("cb-binh", "1357", "2");
        assertEquals(List.of(new CounterSignedIn("1", "cb-an"), new CounterSignedIn("3", "cb-cuong"),
                new CounterSignedIn("2", "cb-binh")),
                OutboxReader.after(db, seqBefore, "kiosk-09").stream().map(KioskEvent::data).toList());
        seqBefore = OutboxReader.lastSeq(db);

        List<String> counter1 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            counter1.add(callAndFinish(one, Duration.ofSeconds(90)));
        }
        assertEquals(List.of("A004", "A001", "A002", "A005", "A003"), counter1,
                "priority first, then one priority after every two normal tickets");
        List<String> counter3 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counter3.add(callAndFinish(three, Duration.ofSeconds(40)));
        }
        assertEquals(List.of("B003", "B001", "B002"), counter3);
        Http.Reply empty = lanHttp().post("/quay/api/call-next", "", two);
        assertEquals(404, empty.status());
        assertEquals("queue_empty", empty.json().get("error").asText());

        List<KioskEvent> events = OutboxReader.after(db, seqBefore, "kiosk-09");
        assertEquals(16, events.size());
        List<TicketServed> served = events.stream().filter(e -> e.type() == EventType.TICKET_SERVED)
                .map(e -> (TicketServed) e.data()).toList();
        assertEquals(8, served.size());
        for (TicketServed s : served.subList(0, 5)) {
            assertEquals("1", s.counter());
            assertEquals("cb-an", s.officerId());
            assertEquals(90, s.serviceSeconds());
        }
        for (TicketServed s : served.subList(5, 8)) {
            assertEquals("3", s.counter());
            assertEquals("cb-cuong", s.officerId());
            assertEquals(40, s.serviceSeconds());
        }
        TicketCalled firstCall = (TicketCalled) events.get(0).data();
        assertEquals("1", firstCall.counter());
        assertEquals("cb-an", firstCall.officerId());

        await().until(() -> sse.stream().filter(l -> l.startsWith("data: {\"display\"")).count() == 8);
        String firstData = sse.stream().filter(l -> l.startsWith("data: {\"display\"")).findFirst().orElseThrow();
        assertTrue(firstData.contains("\"display\":\"A004\"") && firstData.contains("\"counterName\":\"Quầy 1\""),
                firstData);
        stream.close();

        issue("A", null);
        issue("A", null);
        JsonNode third = issue("A", null);
        assertEquals(2, third.get("peopleAhead").asInt());
        assertEquals(2, third.get("estimatedWaitMinutes").asInt(),
                "2 ahead × 90 s average of A, shared by the two counters serving A = 90 s → 2 min");
        assertEquals(200, lanHttp().post("/quay/api/call-next", "", two).status());
        JsonNode later = new Api(server.getURL()).get("/api/tickets/" + third.get("ticketId").asText());
        assertEquals(1, later.get("peopleAhead").asInt());
        assertEquals(1, later.get("estimatedWaitMinutes").asInt());
    }
}
