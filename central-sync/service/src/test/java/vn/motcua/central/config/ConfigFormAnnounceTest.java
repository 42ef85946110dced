package vn.motcua.central.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.Browser;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.fleet.FleetMqttClient;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hall display's numbers called aloud ({@code announce}: on/off, volume) set from the configuration page's form in
 * headless Chromium: what the admin ticks and types is published, signed, in the configuration; a volume out of range
 * is stopped by the form and refused by the server naming the field. Screenshots go to {@code target/screenshots}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigFormAnnounceTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final String SITE = "so-gddt";
    private static final Path SHOTS = Path.of("target", "screenshots");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EmbeddedServer server;
    @Inject
    SiteConfigService configs;
    @Inject
    EventStore store;
    @Inject
    FleetMqttClient fleet;

    private WebConsoleSession admin;
    private Browser browser;

    @Override
    public Map<String, String> getProperties() {
        return WebConsoleSession.centralProperties("central-config-announce-form-test", ADMIN, ADMIN_PASSWORD);
    }

    @BeforeAll
    void signInAndPublishASite() throws Exception {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        store.recordStatus(SITE, "kiosk-form", new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        Awaitility.await("fleet connection up").atMost(Duration.ofMinutes(1)).until(fleet::isReady);
        ObjectNode site = (ObjectNode) JSON.readTree("""
                {"version": 1, "siteName": "Sở Giáo dục và Đào tạo — Bộ phận Một cửa",
                 "services": [{"prefix": "A", "nameVi": "Văn bằng, chứng chỉ", "nameEn": "Diplomas"}],
                 "counters": [{"id": "1", "nameVi": "Quầy 1", "services": ["A"]}], "officers": [],
                 "procedures": [], "ratingScale": 5, "notices": [], "sig": null}""");
        publish(site);
        browser = Browser.start(1280, 1700);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void publish(ObjectNode config) {
        http.toBlocking().exchange(admin.on(HttpRequest.POST("/api/sites/" + SITE + "/config",
                config.toString().getBytes(StandardCharsets.UTF_8)).contentType("application/json")), String.class);
    }

    private SiteConfig latest() {
        return new ProtocolCodec().decodeSiteConfig(configs.latestBody(SITE).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
    }

    private void openForm(String lang) {
        browser.openSignedIn(server.getURL() + "/admin/config?site=" + SITE + "&lang=" + lang, admin.cookie());
        Awaitility.await("the form filled from the draft").atMost(Duration.ofSeconds(30)).until(() ->
                !browser.script("return document.getElementById('cfg-site-name').value").asText().isEmpty());
    }

    /** Clicks "publish" and waits for the page's answer; returns whether it says the configuration was sent. */
    private boolean publishFromThePage(long versionBefore) {
        browser.script("document.getElementById('config-msg').textContent = ''");
        browser.click("#publish-config");
        Awaitility.await("the page's answer").atMost(Duration.ofSeconds(30)).until(() ->
                !browser.script("return document.getElementById('config-msg').textContent").asText().isEmpty());
        return configs.latestVersion(SITE).orElse(0L) > versionBefore;
    }

    @Test
    void givenTheFormWithAnnounceOffAtVolume35_whenPublished_thenTheSignedConfigurationCarriesIt() throws Exception {
        openForm("vi");
        assertTrue(browser.script("return document.getElementById('cfg-announce-enabled').checked").asBoolean(),
                "a configuration without announce shows the default: on");
        assertEquals("", browser.script("return document.getElementById('cfg-announce-volume').value").asText());
        browser.screenshot(SHOTS.resolve("config-announce-vi.png"));

        browser.click("#cfg-announce-enabled");
        browser.type("#cfg-announce-volume", "35");
        JsonNode draft = JSON.readTree(browser.script("return document.getElementById('config-json').value")
                .asText());
        assertEquals(JSON.readTree("{\"enabled\": false, \"volume\": 35}"), draft.get("announce"),
                "the form writes what the admin set into the draft");
        long before = configs.latestVersion(SITE).orElseThrow();

        assertTrue(publishFromThePage(before), browser.script(
                "return document.getElementById('config-msg').textContent").asText());

        assertEquals(new SiteConfig.Announce(false, 35), latest().announce());
        browser.screenshot(SHOTS.resolve("config-announce-published-vi.png"));
        openForm("en");
        assertFalse(browser.script("return document.getElementById('cfg-announce-enabled').checked").asBoolean(),
                "the page shows what was published");
        assertEquals("35", browser.script("return document.getElementById('cfg-announce-volume').value").asText());
        browser.screenshot(SHOTS.resolve("config-announce-en.png"));
    }

    @Test
    void givenAVolumeOf150InTheForm_whenPublished_thenTheFormStopsItAndTheServerWouldRefuseItNamingTheField()
            throws Exception {
        openForm("vi");
        browser.type("#cfg-announce-volume", "150");
        long before = configs.latestVersion(SITE).orElseThrow();

        browser.click("#publish-config");

        assertTrue(browser.script("return document.getElementById('cfg-announce-volume').validity.rangeOverflow")
                .asBoolean());
        assertFalse(browser.script("return document.getElementById('config-form').checkValidity()").asBoolean(),
                "an invalid form is not submitted");
        assertEquals("", browser.script("return document.getElementById('config-msg').textContent").asText());
        browser.screenshot(SHOTS.resolve("config-announce-volume-refused-vi.png"));

        ObjectNode draft = (ObjectNode) JSON.readTree(browser.script(
                "return document.getElementById('config-json').value").asText());
        assertEquals(150, draft.get("announce").get("volume").asInt());
        for (String volume : new String[]{"150", "-1", "50.5", "\"loud\""}) {
            draft.set("announce", JSON.readTree("{\"enabled\": true, \"volume\": " + volume + "}"));
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                    publish(draft));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), volume);
            assertEquals("announce.volume", e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter")
                    .asText(), volume);
        }
        draft.set("announce", JSON.readTree("{\"enabled\": \"yes\"}"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> publish(draft));
        assertEquals("announce.enabled", e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter")
                .asText());
        assertEquals(before, configs.latestVersion(SITE).orElseThrow());
    }
}
