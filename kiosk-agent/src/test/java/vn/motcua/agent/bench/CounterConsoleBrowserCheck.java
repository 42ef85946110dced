package vn.motcua.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The counter console and the hall display in a real browser (headless Chromium through chromedriver's W3C WebDriver
 * API): an officer signs in and calls the next ticket with the page's own buttons, and the hall display shows the
 * call. {@code mvn -Pbench verify -Dtest=CounterConsoleBrowserCheck}; needs Debian's chromium-driver. Screenshots go
 * to target/screenshots.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterConsoleBrowserCheck implements TestPropertyProvider {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Path OUT = Path.of("target", "screenshots");

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("browser"), "agent.printer.folder", "target/screenshots/printed",
                "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
    }

    /** One browser session over WebDriver. */
    private record Browser(Http driver, String session) {
        JsonNode call(String method, String path, String json) {
            Http.Reply r = method.equals("GET") ? driver.get("/session/" + session + path)
                    : driver.post("/session/" + session + path, json);
            if (r.status() != 200) {
                throw new AssertionError(method + " " + path + ": " + r.status() + " " + r.body());
            }
            return r.json().get("value");
        }

        void open(String url) {
            call("POST", "/url", "{\"url\":\"" + url + "\"}");
        }

        String find(String css) {
            return call("POST", "/element", "{\"using\":\"css selector\",\"value\":\"" + css + "\"}").get(ELEMENT).asText();
        }

        void click(String css) {
            call("POST", "/element/" + find(css) + "/click", "{}");
        }

        void type(String css, String text) {
            call("POST", "/element/" + find(css) + "/value", "{\"text\":\"" + text + "\"}");
        }

        void clear(String css) {
            call("POST", "/element/" + find(css) + "/clear", "{}");
        }

        String text(String css) {
            return call("GET", "/element/" + find(css) + "/text", null).asText();
        }

        void script(String js) {
            call("POST", "/execute/sync", "{\"script\":\"" + js.replace("\"", "\\\"") + "\",\"args\":[]}");
        }

        void screenshot(String name) throws Exception {
            Files.createDirectories(OUT);
            Files.write(OUT.resolve(name + ".png"), Base64.getDecoder().decode(call("GET", "/screenshot", null).asText()));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Browser session(Http driver, String size) {
        Http.Reply r = driver.post("/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                + "\"goog:chromeOptions\":{\"binary\":\"/usr/bin/chromium\",\"args\":[\"--headless\",\"--no-sandbox\","
                + "\"--disable-gpu\",\"--disable-background-networking\",\"--window-size=" + size + "\"]}}}}");
        assertEquals(200, r.status(), r.body());
        return new Browser(driver, r.json().get("value").get("sessionId").asText());
    }

    @Test
    void officerSignsInAndCallsFromThePageAndTheHallDisplayShowsIt() throws Exception {
        Api api = new Api(server.getURL());
        JsonNode first = api.ticket("B");
        api.ticket("B");
        int port = freePort();
        Process driverProcess = new ProcessBuilder("chromedriver", "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Http driver = new Http("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> driver.get("/status").status() == 200);
            Browser hall = session(driver, "1280,720");
            Browser console = session(driver, "900,800");
            try {
                hall.open(lan.baseUrl() + "/man-hinh");
                console.open(lan.baseUrl() + "/quay");
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#officer").contains("Lê Quốc Cường"));
                console.script("document.getElementById('officer').value = 'cb-cuong';"
                        + "document.getElementById('counter').value = '3';");
                console.type("#pin", "0000");
                console.click("#signInBtn");
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#message").contains("Mã PIN không đúng"));
                console.clear("#pin");
                console.type("#pin", "9753");
                console.click("#signInBtn");
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#who").contains("Quầy 3"));

                console.click("[data-action='call-next']");
                String display = first.get("display").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#current").equals(display));
                console.screenshot("counter-console-calling");
                await().atMost(Duration.ofSeconds(30)).until(() -> hall.text("#now").contains(display)
                        && hall.text("#now").contains("Quầy 3"));
                hall.screenshot("hall-display-live");
                assertEquals("called", new Http(server.getURL().toString())
                        .get("/api/tickets/" + first.get("ticketId").asText()).json().get("status").asText());
            } finally {
                driver.send("DELETE", "/session/" + hall.session());
                driver.send("DELETE", "/session/" + console.session());
            }
        } finally {
            driverProcess.descendants().forEach(ProcessHandle::destroy);
            driverProcess.destroy();
            driverProcess.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
