package vn.motcua.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.display.HallDisplay;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Chromium;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;
import vn.motcua.agent.voice.VoicePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "Call next" to the first sound of its announcement on the hall display, in headless Chromium ({@code mvn -Pbench
 * verify -Dtest=AnnouncementLatencyBench}): from just before the counter's API call to the chime's start as the
 * page records it. Each call waits for the one before it to be said, so this is an idle display's delay, not the
 * queue's. Figures go to target/bench/announcement-latency.txt.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementLatencyBench implements TestPropertyProvider {
    private static final int CALLS = 20;

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    HallDisplay display;
    @Inject
    VoicePack voice;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("bench-announce"), "agent.printer.kind", "none",
                    "kiosk.data-dir", Files.createTempDirectory("agent-data").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath()
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void measure() throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(voice::ready);
        Api api = new Api(server.getURL());
        for (int i = 0; i < CALLS; i++) {
            api.ticket(i % 2 == 0 ? "A" : "B");
        }
        Http lanHttp = new Http(lan.baseUrl());
        String token = lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"cb-binh\",\"pin\":\"1357\",\"counter\":\"2\"}")
                .json().get("token").asText();
        List<Double> millis = new ArrayList<>();
        List<Double> lengths = new ArrayList<>();
        double first;
        try (Chromium browser = new Chromium("1280,720", "--autoplay-policy=no-user-gesture-required")) {
            browser.open(lan.baseUrl() + "/man-hinh");
            await().atMost(Duration.ofSeconds(30)).until(() -> display.openStreams() == 1);
            for (int i = 0; i < CALLS; i++) {
                long calledAt = System.currentTimeMillis();
                Http.Reply r = lanHttp.post("/quay/api/call-next", "", token);
                assertEquals(200, r.status(), r.body());
                int n = i + 1;
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        browser.script("return window.announcementsPlayed.length").asInt() >= n);
                JsonNode a = browser.script("return window.announcementsPlayed[" + i + "]");
                millis.add(a.get("startedAt").asDouble() - calledAt);
                lengths.add((a.get("endedAt").asDouble() - a.get("startedAt").asDouble()) / 1000);
                lanHttp.post("/quay/api/finish", "", token);
            }
        }
        first = millis.get(0);
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        Collections.sort(lengths);
        String report = String.format("call next -> first sound of the announcement on the hall display (headless "
                        + "Chromium, loopback), %d calls: p50 %.0f ms, p95 %.0f ms, max %.0f ms; first call (clips "
                        + "not yet loaded) %.0f ms; an announcement (chime and words) lasts %.1f-%.1f s%n", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.get(sorted.size() - 1), first, lengths.get(0), lengths.get(lengths.size() - 1));
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "announcement-latency.txt"), report);
        System.out.print(report);
    }
}
