package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.message.KioskStatus;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kiosk id, a site name and a notice that carry a script tag show on the pages as text, escaped, and never as
 * markup: the templates escape every value they are given.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageEscapingTest implements TestPropertyProvider {
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "page escaping password";
    private static final String SITE = "so-tnmt";
    private static final String KIOSK = "kiosk-1";
    private static final String HOSTILE_KIOSK = "<script>alert('kiosk')</script>";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EventStore store;
    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        return WebConsoleSession.centralProperties("central-page-escaping-test", ADMIN, PASSWORD);
    }

    @BeforeAll
    void seed() {
        admin = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
        store.recordStatus(SITE, KIOSK, new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        // no kiosk can send such an id over MQTT; a row written past the checks must still show as text
        store.recordStatus("so-khac", HOSTILE_KIOSK, new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
    }

    private String page(String path) {
        return http.toBlocking().retrieve(admin.on(HttpRequest.GET(path)));
    }

    private static void assertEscaped(String page, String script, String where) {
        assertFalse(page.contains("<script>alert("), where + " shows a script tag as markup");
        assertTrue(page.contains("&lt;script&gt;alert(" + script), where + " shows the script tag as text");
    }

    @Test
    void givenKioskIdWithScriptTag_whenFleetPageOpened_thenShownEscaped() {
        assertEscaped(page("/fleet?sort=kiosk"), "&#39;kiosk&#39;)&lt;/script&gt;", "the fleet page");
    }

    @Test
    void givenSiteNameWithScriptTag_whenConfigPageOpened_thenShownEscaped() {
        String config = """
                {"version": 1, "siteName": "<script>alert('site')</script>",
                 "services": [{"prefix": "A", "nameVi": "Đất đai", "nameEn": "Land"}],
                 "counters": [{"id": "1", "nameVi": "Quầy 1", "services": ["A"]}],
                 "officers": [], "procedures": [], "ratingScale": 5, "notices": [], "sig": null}""";
        HttpResponse<String> published = http.toBlocking().exchange(
                admin.on(HttpRequest.POST("/api/sites/" + SITE + "/config", config)), String.class);
        assertEquals(HttpStatus.OK, published.getStatus(), published.body());
        assertEscaped(page("/admin/config?site=" + SITE), "&#39;site&#39;)&lt;/script&gt;", "the configuration page");
    }

    @Test
    void givenNoticeWithScriptTag_whenKioskPageOpened_thenShownEscaped() {
        MutableHttpRequest<?> send = HttpRequest.POST("/api/sites/" + SITE + "/kiosks/" + KIOSK + "/commands",
                Map.of("type", "show_notice", "args", Map.of("text", "<script>alert('notice')</script>",
                        "minutes", "5")));
        HttpResponse<String> sent = http.toBlocking().exchange(admin.on(send), String.class);
        assertEquals(HttpStatus.ACCEPTED, sent.getStatus(), sent.body());
        String kiosk = page("/fleet/sites/" + SITE + "/kiosks/" + KIOSK);
        assertEscaped(kiosk, "&#39;notice&#39;)&lt;/script&gt;", "the kiosk page");
        assertTrue(kiosk.contains("«&lt;script&gt;"), "the notice is in the command history");
    }
}
