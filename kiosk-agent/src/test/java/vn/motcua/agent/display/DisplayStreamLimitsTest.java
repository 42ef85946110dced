package vn.motcua.agent.display;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hall display's caps: a stranger gets a 429 beyond their address's share and everyone a 503 when the display is
 * full, while the console answers; room opens again once displays have gone.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisplayStreamLimitsTest implements TestPropertyProvider {
    @Inject
    LanServer lan;
    @Inject
    HallDisplay display;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("display-limits"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "agent.counter.display.max-streams", "6",
                    "agent.counter.display.max-streams-per-address", "4",
                    "agent.counter.display.heartbeat", "200ms",
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void givenStreamsFromOneAddressAndThenManyAddresses_whenOverTheCaps_then429Then503AndTheConsoleStillAnswers() {
        LanClient client = new LanClient(lan.baseUrl());
        List<LanClient.Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(client.openStream("127.0.0.2", "/man-hinh/events"));
                assertEquals(200, open.get(i).status());
            }
            try (LanClient.Stream fifth = client.openStream("127.0.0.2", "/man-hinh/events")) {
                assertEquals(429, fifth.status());
                assertNotNull(fifth.header("Retry-After"));
                assertTrue(fifth.body().contains("too_many_streams"));
            }
            open.add(client.openStream("127.0.0.3", "/man-hinh/events"));
            open.add(client.openStream("127.0.0.4", "/man-hinh/events"));
            assertEquals(200, open.get(4).status());
            assertEquals(200, open.get(5).status());
            try (LanClient.Stream full = client.openStream("127.0.0.5", "/man-hinh/events")) {
                assertEquals(503, full.status());
                assertNotNull(full.header("Retry-After"));
                assertTrue(full.body().contains("display_full"));
            }
            assertEquals(200, client.get("127.0.0.5", "/quay").status());
            assertEquals(200, client.get("127.0.0.5", "/quay/api/site").status());
        } finally {
            open.forEach(LanClient.Stream::close);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> display.openStreams() == 0);
        try (LanClient.Stream again = client.openStream("127.0.0.5", "/man-hinh/events")) {
            assertEquals(200, again.status(), "room again once the others have gone");
        }
    }
}
