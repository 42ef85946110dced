package vn.motcua.agent.counter;

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
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An officer's own figures of today on the counter console, from the kiosk's own database: worked out by hand for a
 * morning of two officers, with ratings counted only from the start of the next hour; then shown in Chromium after
 * signing in (target/screenshots/counter-console-own-figures.png).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnFiguresTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("own-figures"), "agent.printer.folder",
                "target/printed-own-figures", "agent.counter.own-figures.min-ratings", "2",
                "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    private String signIn(String officer, String pin, String counter) {
        Http.Reply r = lanHttp().post("/quay/api/sign-in", "{\"officerId\":\"" + officer + "\",\"pin\":\"" + pin
                + "\",\"counter\":\"" + counter + "\"}");
        assertEquals(200, r.status(), r.body());
        return r.json().get("token").asText();
    }

    private JsonNode act(String token, String action) {
        Http.Reply r = lanHttp().post("/quay/api/" + action, "{}", token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private JsonNode today(String token) {
        Http.Reply r = lanHttp().get("/quay/api/today", token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private void rate(Api api, String ticketId, String counter, String officer, String level) {
        HttpResponse<String> r = api.post("/api/ratings", "{\"ticketId\":\"" + ticketId + "\",\"counter\":\"" + counter
                + "\",\"officerId\":\"" + officer + "\",\"level\":\"" + level
                + "\",\"scale\":5,\"reasons\":[],\"comment\":null}", UUID.randomUUID().toString());
        assertEquals(201, r.statusCode(), r.body());
    }

    /**
     * 09:00 (UTC+7) four A tickets are issued. An (counter 1): 09:02 calls the first (waited 2:00), 09:06 serves it
     * (240 s); 09:07 calls the second (7:00), no-show; 09:07 calls the third (7:00), 09:13 serves it (360 s). Bình
     * (counter 2) calls the fourth at 09:13 and serves it at 09:14. At 09:20 the first is rated very satisfied, the
     * third neutral, the fourth satisfied (Bình's).
     * <p>An's figures: served 2, no-shows 1, median wait of 120 420 420 = 420 s, median service of 240 360 = 300 s;
     * at 09:20 no rating counted yet; from 10:00, 2 ratings, 1 satisfied: 50 %.
     */
    @Test
    void givenAMorningOfTwoOfficers_whenAnAsksForHerFigures_thenTheyAreHersAndRatingsWaitForTheHour()
            throws Exception {
        clock.set(Instant.parse("2026-12-01T02:00:00Z"));
        Api api = new Api(server.getURL());
        JsonNode[] tickets = {api.ticket("A"), api.ticket("A"), api.ticket("A"), api.ticket("A")};
        String an = signIn("cb-an", "2468", "1");
        String binh = signIn("cb-binh", "1357", "2");
        JsonNode none = today(an);
        assertEquals(0, none.get("served").asLong());
        assertTrue(none.get("medianWaitSeconds").isNull());

        clock.advance(Duration.ofMinutes(2));
        assertEquals(tickets[0].get("display").asText(), act(an, "call-next").get("display").asText());
        clock.advance(Duration.ofMinutes(4));
        act(an, "finish");
        clock.advance(Duration.ofMinutes(1));
        act(an, "call-next");
        act(an, "no-show");
        act(an, "call-next");
        clock.advance(Duration.ofMinutes(6));
        act(an, "finish");
        act(binh, "call-next");
        clock.advance(Duration.ofMinutes(1));
        act(binh, "finish");
        clock.advance(Duration.ofMinutes(6));
        rate(api, tickets[0].get("ticketId").asText(), "1", "cb-an", "very_satisfied");
        rate(api, tickets[2].get("ticketId").asText(), "1", "cb-an", "neutral");
        rate(api, tickets[3].get("ticketId").asText(), "2", "cb-binh", "satisfied");

        JsonNode t = today(an);
        assertEquals("2026-12-01", t.get("day").asText());
        assertEquals(2, t.get("served").asLong());
        assertEquals(1, t.get("noShows").asLong());
        assertEquals(420.0, t.get("medianWaitSeconds").asDouble());
        assertEquals(300.0, t.get("medianServiceSeconds").asDouble());
        assertEquals(0, t.get("ratings").asLong(), "this hour's ratings wait for the next: " + t);
        assertTrue(t.get("satisfiedShare").isNull());
        assertEquals("09:00", t.get("ratingsUntil").asText());

        clock.set(Instant.parse("2026-12-01T03:05:00Z"));
        t = today(an);
        assertEquals(2, t.get("ratings").asLong(), t.toString());
        assertEquals(0.5, t.get("satisfiedShare").asDouble());
        assertEquals("10:00", t.get("ratingsUntil").asText());
        JsonNode b = today(binh);
        assertEquals(1, b.get("served").asLong());
        assertEquals(1, b.get("ratings").asLong());
        assertTrue(b.get("satisfiedShare").isNull(), "one rating is below the minimum: its share would be its level");
        assertEquals(401, lanHttp().get("/quay/api/today").status(), "only a signed-in officer");

        try (Chromium browser = new Chromium("900,1100")) {
            browser.open(lan.baseUrl() + "/quay");
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
                    "return document.getElementById('officer').options.length").asInt() > 0);
            browser.script("document.getElementById('officer').value = 'cb-an';"
                    + "document.getElementById('counter').value = '1'; return null;");
            browser.type("#pin", "2468");
            browser.click("#signInBtn");
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
                    "return document.getElementById('tServed').textContent").asText().equals("2"));
            JsonNode shown = browser.script("return ['tServed', 'tNoShows', 'tWait', 'tService', 'tRatings', 'tShare']"
                    + ".map(id => document.getElementById(id).textContent);");
            assertEquals("[\"2\",\"1\",\"7:00\",\"5:00\",\"2\",\"50.0 %\"]", shown.toString());
            assertTrue(browser.script("return !document.getElementById('today').classList.contains('hidden')")
                    .asBoolean());
            browser.screenshot(Path.of("target", "screenshots", "counter-console-own-figures.png"));
        }
    }
}
