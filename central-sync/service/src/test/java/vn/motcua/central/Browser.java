package vn.motcua.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver protocol (plain JSON over HTTP): open a page as a
 * signed-in user, type into fields, click, run a script, take a screenshot. Needs {@code chromium} and
 * {@code chromium-driver}; without them the test fails.
 */
public final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How WebDriver names an element in its answers. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String session;

    private Browser(Process driver, URI base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** Starts chromedriver and one headless Chromium window of this size. */
    public static Browser start(int width, int height) throws IOException {
        int port = TestMqttClient.freePort();
        Process driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        Browser probe = new Browser(driver, base, null);
        try {
            Awaitility.await("chromedriver answering").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> probe.call("GET", "/status", null).path("value").path("ready").asBoolean());
            ObjectNode caps = JSON.createObjectNode();
            ObjectNode chrome = caps.putObject("capabilities").putObject("alwaysMatch")
                    .put("browserName", "chrome").putObject("goog:chromeOptions").put("binary", "/usr/bin/chromium");
            List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--lang=vi", "--window-size=" + width + "," + height).forEach(chrome.putArray("args")::add);
            String id = probe.call("POST", "/session", caps).path("value").path("sessionId").asText();
            return new Browser(driver, base, id);
        } catch (RuntimeException e) {
            driver.destroy();
            throw e;
        }
    }

    /** Opens {@code url} as the user of this session cookie ({@code name=value}). */
    public void openSignedIn(String url, String cookie) {
        open(URI.create(url).resolve("/api/health").toString());
        ObjectNode body = JSON.createObjectNode();
        body.putObject("cookie").put("name", cookie.substring(0, cookie.indexOf('=')))
                .put("value", cookie.substring(cookie.indexOf('=') + 1)).put("path", "/");
        call("POST", "/session/" + session + "/cookie", body);
        open(url);
    }

    public void open(String url) {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        call("POST", "/session/" + session + "/url", body);
    }

    /** Clicks the element the CSS selector finds, as a pointer would. */
    public void click(String css) {
        call("POST", "/session/" + session + "/element/" + element(css) + "/click", JSON.createObjectNode());
    }

    /** Empties the field, then types {@code text} into it key by key. */
    public void type(String css, String text) {
        String e = element(css);
        call("POST", "/session/" + session + "/element/" + e + "/clear", JSON.createObjectNode());
        call("POST", "/session/" + session + "/element/" + e + "/value", JSON.createObjectNode().put("text", text));
    }

    /** Runs a script in the page ({@code return …} gives its value). */
    public JsonNode script(String js) {
        ObjectNode body = JSON.createObjectNode().put("script", js);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body).path("value");
    }

    public void screenshot(Path png) throws IOException {
        String b64 = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(b64));
    }

    private String element(String css) {
        ObjectNode body = JSON.createObjectNode().put("using", "css selector").put("value", css);
        return call("POST", "/session/" + session + "/element", body).path("value").path(ELEMENT).asText();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("chromedriver " + method + " " + path + ": " + r.statusCode() + " "
                        + answer.path("value").path("message").asText(r.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("chromedriver " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
        }
    }
}
