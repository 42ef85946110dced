package vn.motcua.central.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.message.Telemetry;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet page of 250 kiosks on three sites: pages of 100, problems first, filters, whole-fleet totals, the live
 * stream of the page's own rows, and a 400 naming the parameter for bad input.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetPageTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "fleet page password";
    /** A row's id is k-site/kiosk: the kiosk id is what the tests compare. */
    private static final Pattern ROW = Pattern.compile("<tr id=\"k-[^/\"]+/([^\"]+)\"");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EventStore store;
    @Inject
    TelemetryStore telemetry;
    @Inject
    AlertEvaluator alerts;
    @Inject
    AlertStore alertStore;
    @Inject
    EmbeddedServer server;
    private String cookie;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-fleet-page-test", ADMIN, PASSWORD);
        p.put("central.fleet.evaluate-every", "1h");
        return p;
    }

    /**
     * k-001..k-250 on sites site-a, site-b, site-c (by id modulo 3): every 25th offline, every 40th out of paper,
     * k-007 with a nearly full disk; the rest fine.
     */
    @BeforeAll
    void seed() throws Exception {
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 250; i++) {
            String id = String.format("k-%03d", i);
            String site = "site-" + (char) ('a' + i % 3);
            store.recordStatus(site, id, new KioskStatus(i % 25 != 0, "0.1.0", "boot", OffsetDateTime.now()));
            telemetry.record(site, id, new Telemetry(OffsetDateTime.now(), 50.0, 0.3, 1L, 2L, i == 7 ? 96L : 30L,
                    100L, i % 40 == 0 ? "paper_out" : "ok", Map.of(), 0, 5L, 8L), now);
        }
        alerts.evaluate();
        cookie = WebConsoleSession.signIn(http, ADMIN, PASSWORD).cookie();
    }

    private String page(String query) {
        return http.toBlocking().retrieve(HttpRequest.GET("/fleet" + query).header("Cookie", cookie));
    }

    private static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private JsonNode badRequest(String path) throws Exception {
        try {
            http.toBlocking().exchange(HttpRequest.GET(path).header("Cookie", cookie), String.class);
        } catch (HttpClientResponseException e) {
            assertEquals(400, e.getStatus().getCode(), path);
            return JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
        }
        throw new AssertionError(path + " was accepted");
    }

    @Test
    void givenFleetOf250_whenFirstPageOpened_thenOfflineThenPrinterThenAlertsLeadAndTotalsCoverTheFleet() {
        String html = page("");
        List<String> ids = rows(html);
        assertEquals(100, ids.size());
        // 10 offline (every 25th), then 5 out of paper (every 40th; k-200 is offline already), then k-007's alert
        assertEquals(List.of("k-025", "k-050", "k-075", "k-100", "k-125", "k-150", "k-175", "k-200", "k-225",
                "k-250", "k-040", "k-080", "k-120", "k-160", "k-240", "k-007", "k-001"), ids.subList(0, 17));
        assertTrue(html.contains("id=\"count-kiosks\" class=\"\">250<"), "whole-fleet total");
        assertTrue(html.contains("id=\"count-online\" class=\"on\">240<"));
        assertTrue(html.contains("id=\"count-offline\" class=\"off\">10<"));
        assertTrue(html.contains("id=\"count-alerting\" class=\"warn\">7<"), "6 out of paper (one offline) + disk");
        assertTrue(html.contains("Ki-ốt 1–100 trong số 250 ki-ốt khớp bộ lọc"));
        assertTrue(html.contains("<span class=\"current\" aria-current=\"page\">1</span>"));
        assertTrue(html.contains("href=\"/fleet?page=3\""), "a link to the last page");
    }

    @Test
    void givenPages_whenLastOrBeyondAsked_thenTheRestShowsAndBeyondIsTheLast() {
        assertEquals(50, rows(page("?page=3")).size());
        String beyond = page("?page=99");
        assertEquals(50, rows(beyond).size());
        assertTrue(beyond.contains("aria-current=\"page\">3<"));
        List<String> all = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            all.addAll(rows(page("?page=" + p + "&sort=kiosk")));
        }
        assertEquals(250, all.stream().distinct().count(), "every kiosk on exactly one page");
        assertEquals("k-001", all.get(0));
        assertEquals("k-250", all.get(249));
    }

    @Test
    void givenFilters_whenApplied_thenOnlyMatchingKiosksAndTotalsStayFleetWide() {
        String offlineB = page("?site=site-b&state=offline");
        // site-b: i % 3 == 1; offline: i % 25 == 0 -> 25, 100, 175, 250
        assertEquals(List.of("k-025", "k-100", "k-175", "k-250"), rows(offlineB));
        assertTrue(offlineB.contains("id=\"count-kiosks\" class=\"\">250<"), "totals ignore the filter");
        assertTrue(offlineB.contains("<option selected>site-b</option>"));

        assertEquals(List.of("k-200", "k-040", "k-080", "k-120", "k-160", "k-240", "k-007"),
                rows(page("?state=alerting")), "offline first, then printer faults, then alerts");
        assertEquals(List.of("k-120", "k-121", "k-122", "k-123", "k-124", "k-125", "k-126", "k-127", "k-128",
                "k-129"), rows(page("?q=K-12&sort=kiosk")), "a part of the id, in any case");
        assertEquals(240, rows(page("?state=online")).size() + rows(page("?state=online&page=2")).size()
                + rows(page("?state=online&page=3")).size());
        String none = page("?q=nothing-like-this");
        assertTrue(none.contains("id=\"no-match\""));
        assertTrue(rows(none).isEmpty());
    }

    @Test
    void givenAlerts_whenTheAlertListIsOpened_thenEachDetailIsInThePagesLanguage() {
        // an alert stored before details had keys keeps its English words in both languages
        alertStore.raise(new KioskKey("site-b", "k-old"), AlertKind.TEMPERATURE, "CPU 88.0 °C (older central)",
                System.currentTimeMillis());
        String vi = http.toBlocking().retrieve(HttpRequest.GET("/alerts").header("Cookie", cookie));
        assertTrue(vi.contains("Ổ đĩa đã dùng 96.0 %"), "k-007's disk in Vietnamese");
        assertTrue(vi.contains("Máy in báo hết giấy"), "out of paper in Vietnamese");
        assertFalse(vi.contains("% used") || vi.contains("printer reports"),
                "no English details on the Vietnamese page");
        assertTrue(vi.contains("CPU 88.0 °C (older central)"));
        String en = http.toBlocking().retrieve(HttpRequest.GET("/alerts?lang=en").header("Cookie", cookie));
        assertTrue(en.contains("Disk 96.0 % used"), "k-007's disk in English");
        assertTrue(en.contains("The printer reports it is out of paper"));
        assertFalse(en.contains("Ổ đĩa"), "no Vietnamese details on the English page");
        assertTrue(en.contains("CPU 88.0 °C (older central)"));
    }

    @Test
    void givenEnglish_whenPageOpened_thenLabelsAreEnglish() {
        String html = page("?lang=en");
        assertTrue(html.contains("Need attention"));
        assertTrue(html.contains("Kiosks 1–100 of 250 matching"));
        assertTrue(html.contains("Next ›"));
    }

    @Test
    void givenBadParameters_whenPageAsked_thenA400NamesTheParameter() throws Exception {
        assertEquals("page", badRequest("/fleet?page=abc").get("parameter").asText());
        assertEquals("page", badRequest("/fleet?page=-1").get("parameter").asText());
        assertEquals("page", badRequest("/fleet?page=0").get("parameter").asText());
        assertEquals("state", badRequest("/fleet?state=broken").get("parameter").asText());
        assertEquals("site", badRequest("/fleet?site=x%27%20OR%20%271%27%3D%271").get("parameter").asText());
        assertEquals("q", badRequest("/fleet?q=a%20b").get("parameter").asText());
        assertEquals("sort", badRequest("/fleet?sort=random").get("parameter").asText());
        assertEquals("ids", badRequest("/api/fleet/stream?ids=k-001,%3Cscript%3E").get("parameter").asText());
    }

    @Test
    void givenPageRows_whenStreamed_thenOnlyThoseKiosksAndTheFleetTotalsAreSent() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<Stream<String>> r = client.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/api/fleet/stream?ids=k-025,k-040,k-002"))
                .header("Cookie", cookie).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        String data;
        try (Stream<String> lines = r.body()) {
            data = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow().substring(5);
        }
        JsonNode update = JSON.readTree(data);
        assertEquals(250, update.get("totals").get("kiosks").asInt());
        assertEquals(10, update.get("totals").get("offline").asInt());
        List<String> ids = new ArrayList<>();
        update.get("kiosks").forEach(k -> ids.add(k.get("kioskId").asText()));
        assertEquals(List.of("k-002", "k-025", "k-040"), ids.stream().sorted().toList());
        JsonNode first = update.get("kiosks").get(0);
        assertNotNull(first.get("online"));
        assertFalse(data.contains("k-001"), "rows of other pages are not sent");
    }
}
