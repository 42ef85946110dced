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
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter console in headless Chromium (chromedriver's W3C WebDriver API) after a citizen rated the ticket the
 * officer just served: the page, the state it polls and the hall display's stream say nothing of the level chosen,
 * so no officer can watch (or answer) a citizen's rating.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterConsoleAfterRatingTest implements TestPropertyProvider {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    /** Every way a level could be written: wire codes, English and Vietnamese words. */
    private static final List<String> LEVEL_WORDS = List.of("very_satisfied", "satisfied", "dissatisfied",
            "neutral", "hài lòng", "bình thường", "rất", "level");

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("console-rating"), "agent.printer.folder",
                "target/printed-console-rating", "kiosk.site-config",
                Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
    }

    private record Browser(Http driver, String session) {
        JsonNode call(String method, String path, String json) {
            Http.Reply r = method.equals("GET") ? driver.get("/session/" + session + path)
                    : driver.post("/session/" + session + path, json);
            if (r.status() != 200) {
                throw new AssertionError(method + " " + path + ": " + r.status() + " " + r.body());
            }
            return r.json().get("value");
        }

        String find(String css) {
            return call("POST", "/element", "{\"using\":\"css selector\",\"value\":\"" + css + "\"}").get(ELEMENT)
                    .asText();
        }

        void click(String css) {
            call("POST", "/element/" + find(css) + "/click", "{}");
        }

        void type(String css, String text) {
            call("POST", "/element/" + find(css) + "/value", "{\"text\":\"" + text + "\"}");
        }

        String text(String css) {
            return call("GET", "/element/" + find(css) + "/text", null).asText();
        }

        String eval(String js) {
            return call("POST", "/execute/sync", "{\"script\":\"" + js.replace("\"", "\\\"") + "\",\"args\":[]}")
                    .asText();
        }

        /** Runs {@code js} with {@code done} as the callback that returns its result. */
        String evalAsync(String js) {
            return call("POST", "/execute/async", "{\"script\":\"const done = arguments[arguments.length - 1]; "
                    + js.replace("\"", "\\\"") + "\",\"args\":[]}").asText();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The words of the officer's own figures that name the share, not a level: "Tỷ lệ hài lòng" on the page, the
     * field {@code satisfiedShare} in its JSON. They are taken out before looking for a level's words.
     */
    private static final List<String> FIGURE_NAMES = List.of("tỷ lệ hài lòng", "satisfiedshare");

    private static void assertNoLevel(String where, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : FIGURE_NAMES) {
            lower = lower.replace(name, "");
        }
        for (String word : LEVEL_WORDS) {
            assertFalse(lower.contains(word), where + " shows '" + word + "': " + text);
        }
    }

    /** The hall display stream's first frames, as much as arrives with the first event. */
    private String streamStart() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(lan.baseUrl() + "/man-hinh/events"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            StringBuilder b = new StringBuilder();
            byte[] buf = new byte[8192];
            while (!b.toString().contains("\n\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                b.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return b.toString();
        }
    }

    @Test
    void afterARatingTheConsoleShowsNoLevel() throws Exception {
        Api api = new Api(server.getURL());
        JsonNode ticket = api.ticket("B");
        int port = freePort();
        Process driverProcess = new ProcessBuilder("chromedriver", "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Http driver = new Http("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> driver.get("/status").status() == 200);
            Http.Reply s = driver.post("/session", "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\","
                    + "\"goog:chromeOptions\":{\"binary\":\"/usr/bin/chromium\",\"args\":[\"--headless\","
                    + "\"--no-sandbox\",\"--disable-gpu\",\"--disable-background-networking\","
                    + "\"--window-size=900,800\"]}}}}");
            assertEquals(200, s.status(), s.body());
            Browser console = new Browser(driver, s.json().get("value").get("sessionId").asText());
            try {
                console.call("POST", "/url", "{\"url\":\"" + lan.baseUrl() + "/quay\"}");
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#officer").contains("Lê Quốc Cường"));
                console.eval("document.getElementById('officer').value = 'cb-cuong';"
                        + "document.getElementById('counter').value = '3';");
                console.type("#pin", "9753");
                console.click("#signInBtn");
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#who").contains("Quầy 3"));
                console.click("[data-action='call-next']");
                String display = ticket.get("display").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#current").equals(display));
                console.click("[data-action='finish']");
                await().atMost(Duration.ofSeconds(30)).until(() -> !console.text("#current").equals(display));
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#tServed").equals("1"));
                String ratingsBefore = console.text("#tRatings");
                String shareBefore = console.text("#tShare");

                HttpResponse<String> rated = api.post("/api/ratings", "{\"ticketId\":\""
                        + ticket.get("ticketId").asText() + "\",\"counter\":\"3\",\"officerId\":\"cb-cuong\","
                        + "\"level\":\"very_satisfied\",\"scale\":5,\"reasons\":[],\"comment\":null}",
                        UUID.randomUUID().toString());
                assertEquals(201, rated.statusCode(), rated.body());

                // the console's own poll, then its state as the page fetches it, then the page itself
                String state = console.evalAsync("fetch('/quay/api/state', {headers: {'X-Counter-Token': "
                        + "sessionStorage.getItem('counterToken')}})"
                        + ".then(r => r.text()).then(done, e => done('failed: ' + e));");
                assertTrue(state.contains(display) || state.startsWith("{"), state);
                assertNoLevel("the console's state", state);
                // the officer's own figures, as the page fetches them after every action and every minute
                String today = console.evalAsync("fetch('/quay/api/today', {headers: {'X-Counter-Token': "
                        + "sessionStorage.getItem('counterToken')}}).then(r => r.text()).then(done, e => done('failed: ' + e));");
                assertTrue(today.startsWith("{") && today.contains("\"ratings\":" + ratingsBefore), today);
                assertNoLevel("the console's own figures", today);
                console.eval("loadToday();");
                await().atMost(Duration.ofSeconds(30)).until(() -> console.text("#tNote").contains("Đánh giá tính đến"));
                assertEquals(ratingsBefore, console.text("#tRatings"), "the rating just given is not counted yet");
                assertEquals(shareBefore, console.text("#tShare"));
                assertNoLevel("the console page", console.eval("return document.documentElement.outerHTML;"));
                assertNoLevel("the console's text", console.eval("return document.body.innerText;"));
                assertNoLevel("the hall display stream", streamStart());
            } finally {
                driver.send("DELETE", "/session/" + console.session());
            }
        } finally {
            driverProcess.descendants().forEach(ProcessHandle::destroy);
            driverProcess.destroy();
            driverProcess.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
