package vn.motcua.central.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two sites that both have a kiosk-01 are two kiosks on every page and in every API: each has its own row, page,
 * telemetry, alerts and commands; the older addresses by kiosk id alone still work when one site only has the id.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskPagesBySiteTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "kiosk pages password";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EventStore store;
    @Inject
    TelemetryStore telemetry;
    @Inject
    AlertStore alerts;
    @Inject
    EmbeddedServer server;
    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-kiosk-pages-test", ADMIN, PASSWORD);
        p.put("central.fleet.evaluate-every", "1h");
        return p;
    }

    @BeforeAll
    void seed() {
        long now = System.currentTimeMillis();
        store.recordStatus("site-a", "kiosk-01", new KioskStatus(true, "1.0", "boot-a", OffsetDateTime.now()));
        store.recordStatus("site-b", "kiosk-01", new KioskStatus(true, "2.0", "boot-b", OffsetDateTime.now()));
        store.recordStatus("site-a", "kiosk-solo", new KioskStatus(true, "1.0", "boot-s", OffsetDateTime.now()));
        telemetry.record("site-a", "kiosk-01", new Telemetry(OffsetDateTime.now(), 41.0, 0.3, 1L, 2L, 30L, 100L, "ok",
                Map.of(), 0, 5L, 8L), now);
        telemetry.record("site-b", "kiosk-01", new Telemetry(OffsetDateTime.now(), 77.0, 0.3, 1L, 2L, 30L, 100L,
                "paper_out", Map.of(), 0, 5L, 8L), now);
        alerts.raise(new KioskKey("site-b", "kiosk-01"), AlertKind.PAPER_OUT, "printer reports paper_out", now);
        admin = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
    }

    private String page(String path) {
        return http.toBlocking().retrieve(admin.on(HttpRequest.GET(path)));
    }

    @Test
    void givenTwoSitesWithAKiosk01_whenFleetAndKioskPagesOpened_thenEachIsItsOwnKiosk() {
        String fleet = page("/fleet");
        assertTrue(fleet.contains("<tr id=\"k-site-a/kiosk-01\""), fleet);
        assertTrue(fleet.contains("<tr id=\"k-site-b/kiosk-01\""));
        assertTrue(fleet.contains("href=\"/fleet/sites/site-b/kiosks/kiosk-01\""));

        String a = page("/fleet/sites/site-a/kiosks/kiosk-01");
        String b = page("/fleet/sites/site-b/kiosks/kiosk-01");
        assertTrue(a.contains("41.0 °C") && !a.contains("77.0 °C"), "site-a's own telemetry");
        assertTrue(b.contains("77.0 °C") && b.contains("paper_out"), "site-b's own telemetry");
        assertTrue(b.contains("data-kind=\"paper_out\"") && !a.contains("data-kind=\"paper_out\""),
                "the alert is site-b's kiosk's only");
        assertTrue(b.contains("data-commands=\"/api/sites/site-b/kiosks/kiosk-01/commands\""));
        assertTrue(page("/alerts").contains("href=\"/fleet/sites/site-b/kiosks/kiosk-01\""));
    }

    @Test
    void givenOlderAddressByKioskIdAlone_whenOneSiteHasIt_thenSentOn_andWhenSeveralHave_thenTheSitesAreListed()
            throws Exception {
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient(); // follows no redirect
        java.net.http.HttpResponse<String> solo = plain.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/fleet/kiosks/kiosk-solo")).header("Cookie", admin.cookie())
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, solo.statusCode());
        assertEquals("/fleet/sites/site-a/kiosks/kiosk-solo", solo.headers().firstValue("Location").orElseThrow());

        java.net.http.HttpResponse<String> twins = plain.send(java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/fleet/kiosks/kiosk-01")).header("Cookie", admin.cookie())
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(409, twins.statusCode());
        assertTrue(twins.body().contains("href=\"/fleet/sites/site-a/kiosks/kiosk-01\"")
                && twins.body().contains("href=\"/fleet/sites/site-b/kiosks/kiosk-01\""), twins.body());
    }

    @Test
    void givenTwoSitesWithAKiosk01_whenCommandsSent_thenEachKeepsItsOwnAndTheOlderPathAsksForTheSite()
            throws Exception {
        String body = "{\"type\":\"restart_app\",\"args\":{}}";
        JsonNode sent = JSON.readTree(http.toBlocking().retrieve(admin.on(HttpRequest.POST(
                "/api/sites/site-b/kiosks/kiosk-01/commands", body))));
        assertEquals("site-b", sent.get("siteId").asText());
        assertEquals(1, JSON.readTree(page("/api/sites/site-b/kiosks/kiosk-01/commands")).size());
        assertEquals(0, JSON.readTree(page("/api/sites/site-a/kiosks/kiosk-01/commands")).size());

        HttpClientResponseException ambiguous = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(admin.on(HttpRequest.POST("/api/kiosks/kiosk-01/commands", body)),
                        String.class));
        assertEquals(HttpStatus.BAD_REQUEST, ambiguous.getStatus());
        assertEquals("siteId", JSON.readTree(ambiguous.getResponse().getBody(String.class).orElseThrow())
                .get("parameter").asText());
        assertEquals(HttpStatus.ACCEPTED, http.toBlocking().exchange(admin.on(HttpRequest.POST(
                "/api/kiosks/kiosk-01/commands?siteId=site-a", body)), String.class).getStatus());
        assertEquals(HttpStatus.ACCEPTED, http.toBlocking().exchange(admin.on(HttpRequest.POST(
                "/api/kiosks/kiosk-solo/commands", body)), String.class).getStatus());
        assertEquals(1, JSON.readTree(page("/api/kiosks/kiosk-solo/commands")).size());
        assertEquals(1, JSON.readTree(page("/api/sites/site-a/kiosks/kiosk-01/commands")).size());
        assertFalse(page("/api/sites/site-a/kiosks/kiosk-01/commands").contains("site-b"));
    }
}
