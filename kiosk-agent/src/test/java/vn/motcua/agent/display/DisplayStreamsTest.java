package vn.motcua.agent.display;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.LanClient;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hall display streams hold no LAN thread: with 200 of them open on a server of four threads, the counter console,
 * its sign-in and call-next, and the ticket pages still answer, and every display still hears the call.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisplayStreamsTest implements TestPropertyProvider {
    private static final int STREAMS = 200;
    private static final int WORKERS = 4;
    /** Generous on purpose: the old server did not answer at all. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    HallDisplay display;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("display-streams"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "agent.counter.server.worker-threads", Integer.toString(WORKERS),
                    "agent.counter.display.max-streams", "500",
                    "agent.counter.display.max-streams-per-address", "500",
                    "agent.counter.display.heartbeat", "1s",
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void givenTwoHundredOpenHallDisplayStreams_whenConsoleAndTicketPagesUsed_thenTheyAnswerAndCallsReachEveryDisplay()
            throws Exception {
        Api api = new Api(server.getURL());
        JsonNode ticket = api.ticket("A");
        LanClient client = new LanClient(lan.baseUrl());
        List<LanClient.Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(client.requestStream("127.0.0.1", "/man-hinh/events"));
            }

            LanClient.Reply page = answered(() -> client.get("127.0.0.1", "/quay"));
            assertEquals(200, page.status());
            assertTrue(page.body().contains("Đăng nhập quầy"), page.body());
            assertEquals(200, answered(() -> client.get("127.0.0.1", "/lan/console.js")).status());
            assertEquals(200, answered(() -> client.get("127.0.0.1", "/quay/api/site")).status());
            LanClient.Reply ticketPage = answered(() -> client.get("127.0.0.1",
                    "/t/" + ticket.get("ticketId").asText()));
            assertEquals(200, ticketPage.status());
            assertTrue(ticketPage.body().contains(ticket.get("display").asText()), ticketPage.body());

            LanClient.Reply signedIn = answered(() -> client.postJson("127.0.0.1", "/quay/api/sign-in",
                    "{\"officerId\":\"cb-an\",\"pin\":\"2468\",\"counter\":\"1\"}"));
            assertEquals(200, signedIn.status(), signedIn.body());
            for (LanClient.Stream s : streams) {
                assertEquals(200, s.status());
                assertEquals("text/event-stream; charset=utf-8", s.header("Content-Type"));
                assertTrue(s.awaitLine("event: recent", Duration.ofSeconds(30)), "every display gets the recent calls");
            }
            assertEquals(STREAMS, display.openStreams());

            String token = signedIn.json().get("token").asText();
            LanClient.Reply called = answered(() -> callNext(client, token));
            assertEquals(200, called.status(), called.body());
            assertEquals(ticket.get("display").asText(), called.json().get("display").asText());

            String callLine = "\"display\":\"" + ticket.get("display").asText() + "\"";
            for (LanClient.Stream s : List.of(streams.get(0), streams.get(STREAMS / 2), streams.get(STREAMS - 1))) {
                assertTrue(s.awaitLine(callLine, Duration.ofSeconds(30)), "the call reaches the displays");
            }
            long lanThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("lan-http")).count();
            assertTrue(lanThreads <= WORKERS, lanThreads + " LAN threads for " + STREAMS + " streams");
        } finally {
            streams.forEach(LanClient.Stream::close);
        }
        // gone displays are noticed at the next heartbeat and forgotten
        await().atMost(Duration.ofSeconds(30)).until(() -> display.openStreams() == 0);
    }

    private static LanClient.Reply callNext(LanClient client, String token) {
        return client.send("127.0.0.1", "POST", "/quay/api/call-next", "application/json", "",
                Map.of(LanServer.TOKEN_HEADER, token));
    }

    private static <T> T answered(Callable<T> request) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }
}
