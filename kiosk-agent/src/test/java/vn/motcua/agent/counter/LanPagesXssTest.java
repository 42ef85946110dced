package vn.motcua.agent.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Chromium;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Officer, counter, service and site names are data, never markup: in a real headless Chromium, names that are HTML
 * with event handlers show as their literal text on the counter console, the hall display and the ticket page, and
 * no script of theirs runs. The pages' content security policy blocks inline handlers even where markup does get in.
 * Screenshots go to target/screenshots/lan-xss-*.png.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanPagesXssTest implements TestPropertyProvider {
    static final String SITE = "<img src=x onerror=\"window.pwned='site'\">Sở GD&ĐT";
    static final String OFFICER = "<img src=x onerror=\"document.title='pwned'\">";
    static final String COUNTER = "<img src=x onerror=\"window.pwned='counter'\">Quầy 1";
    static final String SERVICE = "</select><svg onload=\"window.pwned='service'\"></svg>Văn bằng";
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String NO_SCRIPT_RAN = "return window.pwned === undefined && !document.title.includes('pwned')";
    private static final String NO_MARKUP = "return document.querySelectorAll('main img, main svg, #now img, #now svg, "
            + "header img, select img, select svg').length === 0";

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    private Chromium browser;

    @Override
    public Map<String, String> getProperties() {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode site = (ObjectNode) json.readTree(Path.of("src/test/resources/site/three-counters.json").toFile());
            site.put("siteName", SITE);
            ((ObjectNode) site.get("services").get(0)).put("nameVi", SERVICE);
            ((ObjectNode) site.get("counters").get(0)).put("nameVi", COUNTER);
            ((ObjectNode) site.get("officers").get(0)).put("name", OFFICER);
            Path file = Files.createTempDirectory("hostile-site").resolve("site-config.json");
            json.writeValue(file.toFile(), site);
            return Map.of("kiosk.db-file", TempDb.newFile("lan-xss"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void startBrowser() {
        browser = new Chromium("1280,800");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void awaitTrue(String js) {
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(js).asBoolean());
    }

    private String text(String js) {
        return browser.script(js).asText();
    }

    @Test
    void givenHostileNamesInTheSiteConfiguration_whenConsoleDisplayAndTicketPageShown_thenLiteralTextAndNoScriptRuns() {
        JsonNode ticket = new Api(server.getURL()).ticket("A");

        browser.open(lan.baseUrl() + "/quay");
        awaitTrue("return document.getElementById('officer').options.length === 3");
        assertEquals(OFFICER, text("return document.getElementById('officer').options[0].textContent"));
        assertEquals(COUNTER, text("return document.getElementById('counter').options[0].textContent"));
        assertEquals("A — " + SERVICE, text("return document.getElementById('transferTo').options[0].textContent"));
        assertEquals(SITE, text("return document.getElementById('site').textContent"));
        assertTrue(browser.script(NO_MARKUP).asBoolean(), "no element made from a name");
        assertTrue(browser.script(NO_SCRIPT_RAN).asBoolean(), "no script from a name ran");
        browser.screenshot(SHOTS.resolve("lan-xss-console-sign-in.png"));

        browser.script("document.getElementById('officer').value = 'cb-an';"
                + "document.getElementById('counter').value = '1'; return true;");
        browser.type("#pin", "2468");
        browser.click("#signInBtn");
        awaitTrue("return document.getElementById('who').textContent.includes('Quầy 1')");
        assertEquals(COUNTER + " — " + OFFICER, text("return document.getElementById('who').textContent"));
        browser.click("[data-action='call-next']");
        awaitTrue("return document.getElementById('current').textContent === '" + ticket.get("display").asText() + "'");
        assertTrue(browser.script(NO_MARKUP).asBoolean());
        assertTrue(browser.script(NO_SCRIPT_RAN).asBoolean());
        browser.screenshot(SHOTS.resolve("lan-xss-console.png"));

        browser.open(lan.baseUrl() + "/man-hinh");
        awaitTrue("return document.querySelectorAll('#now .call').length === 1");
        assertEquals(ticket.get("display").asText(), text("return document.querySelector('#now .num').textContent"));
        assertEquals("→ " + COUNTER, text("return document.querySelector('#now .to').textContent"));
        assertTrue(text("return document.getElementById('recent').textContent").contains(COUNTER));
        assertTrue(browser.script(NO_MARKUP).asBoolean());
        assertTrue(browser.script(NO_SCRIPT_RAN).asBoolean());
        assertEquals("Màn hình gọi số — Bộ phận Một cửa", text("return document.title"));
        browser.screenshot(SHOTS.resolve("lan-xss-display.png"));

        browser.open(ticket.get("statusUrl").asText());
        awaitTrue("return document.querySelector('h2') !== null");
        assertEquals("Mời bạn đến " + COUNTER, text("return document.querySelector('h2').textContent"));
        assertTrue(text("return document.querySelector('main').textContent").contains(OFFICER));
        assertTrue(browser.script(NO_MARKUP).asBoolean());
        assertTrue(browser.script(NO_SCRIPT_RAN).asBoolean());
        browser.screenshot(SHOTS.resolve("lan-xss-ticket.png"));
    }

    @Test
    void givenMarkupThatGetsIntoAPage_whenItCarriesAnInlineHandler_thenTheContentSecurityPolicyBlocksIt() {
        browser.open(lan.baseUrl() + "/man-hinh");
        awaitTrue("return document.readyState === 'complete'");
        browser.script("""
                window.violations = [];
                document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));
                const probe = document.createElement('img');
                probe.addEventListener('error', () => { window.probeFailed = true; });
                probe.src = 'data:image/png;base64,not-an-image';
                document.body.insertAdjacentHTML('beforeend',
                    '<img src="data:image/png;base64,not-an-image" onerror="window.inline = true">');
                document.body.appendChild(probe);
                return true;""");
        awaitTrue("return window.probeFailed === true && window.violations.length > 0");
        assertTrue(browser.script("return window.inline === undefined").asBoolean(), "the inline handler did not run");
        assertTrue(text("return window.violations.join(' ')").contains("script-src"),
                text("return window.violations.join(' ')"));
    }
}
