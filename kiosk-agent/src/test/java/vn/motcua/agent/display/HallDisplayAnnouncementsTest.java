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
import vn.motcua.agent.support.Chromium;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;
import vn.motcua.agent.voice.Announcement;
import vn.motcua.agent.voice.VoicePack;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hall display calls numbers aloud, in a real headless Chromium against a real agent: the counter API calls, the
 * page plays the chime and the voice pack's clips, and its own record says what it played and when.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HallDisplayAnnouncementsTest implements TestPropertyProvider {
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
            return Map.of("kiosk.db-file", TempDb.newFile("announce"),
                    "kiosk.data-dir", Files.createTempDirectory("agent-data").toString(),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath()
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String signIn(Http lanHttp, String officer, String pin, String counter) {
        return lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"" + officer + "\",\"pin\":\"" + pin
                + "\",\"counter\":\"" + counter + "\"}").json().get("token").asText();
    }

    @Test
    void givenTwoCallsAndARecallInQuickSuccession_whenTheHallDisplayPlays_thenThreeAnnouncementsInOrderNoneOverlapping() {
        await().atMost(Duration.ofSeconds(120)).until(voice::ready);
        Api api = new Api(server.getURL());
        String first = api.ticket("A").get("display").asText();
        String second = api.ticket("A").get("display").asText();
        Http lanHttp = new Http(lan.baseUrl());
        String one = signIn(lanHttp, "cb-an", "2468", "1");
        String two = signIn(lanHttp, "cb-binh", "1357", "2");

        try (Chromium browser = new Chromium("1280,720", "--autoplay-policy=no-user-gesture-required")) {
            browser.open(lan.baseUrl() + "/man-hinh");
            await().atMost(Duration.ofSeconds(30)).until(() -> display.openStreams() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.script(
                    "return document.getElementById('now') !== null && window.announcementsPlayed !== undefined")
                    .asBoolean());
            assertEquals(200, lanHttp.post("/quay/api/call-next", "", one).status());
            assertEquals(200, lanHttp.post("/quay/api/call-next", "", two).status());
            assertEquals(200, lanHttp.post("/quay/api/recall", "", one).status());

            await().atMost(Duration.ofSeconds(90)).until(() ->
                    browser.script("return window.announcementsPlayed.length").asInt() >= 3);
            JsonNode played = browser.script("return window.announcementsPlayed");
            assertEquals(3, played.size(), played.toString());
            List<String> said = new ArrayList<>();
            for (JsonNode a : played) {
                said.add(a.get("ticket").asText() + "→" + a.get("counter").asText());
            }
            assertEquals(List.of(first + "→1", second + "→2", first + "→1"), said);
            for (int i = 0; i < 3; i++) {
                JsonNode a = played.get(i);
                List<String> clips = new ArrayList<>();
                a.get("clips").forEach(c -> clips.add(c.asText()));
                assertEquals(Announcement.plan(a.get("ticket").asText(), a.get("counter").asInt()), clips,
                        "announcement " + i + " plays the planned clips: " + a);
                assertTrue(a.get("endedAt").asDouble() > a.get("startedAt").asDouble(), a.toString());
                if (i > 0) {
                    assertTrue(a.get("startedAt").asDouble() >= played.get(i - 1).get("endedAt").asDouble(),
                            "announcement " + i + " starts after the one before it ends: " + played);
                }
            }
            browser.screenshot(Path.of("target", "screenshots", "hall-display-announcing.png").toAbsolutePath());
        }
    }

    @Test
    void givenClipNames_whenRequested_thenOnlyTheFixedNamesAreServed() {
        await().atMost(Duration.ofSeconds(120)).until(voice::ready);
        Http lanHttp = new Http(lan.baseUrl());
        Http.Reply clip = lanHttp.get("/man-hinh/voice/quay-21.wav");
        assertEquals(200, clip.status());
        assertEquals("audio/wav", clip.contentType());
        for (String bad : new String[]{"pack.properties", "quay-0.wav", "quay-21", "chu-a.wav", "..%2Fpack.properties",
                "../pack.properties", "%2e%2e/%2e%2e/agent.db", "quay-21.wav.tmp", "sub/quay-21.wav"}) {
            assertEquals(404, lanHttp.get("/man-hinh/voice/" + bad).status(), bad);
        }
    }
}
