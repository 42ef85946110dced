package vn.motcua.agent.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver API: a real browser, its real HTML parser,
 * script engine and content security policy. One browser per instance, with a fresh profile.
 */
public final class Chromium implements AutoCloseable {
    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driverProcess;
    private final Http driver;
    private final Path profile;
    private final String session;

    /** @param extraArgs more command-line switches, e.g. {@code --autoplay-policy=no-user-gesture-required} */
    public Chromium(String windowSize, String... extraArgs) {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            profile = Files.createTempDirectory("chromium-profile");
            driverProcess = new ProcessBuilder(DRIVER, "--port=" + port).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            driver = new Http("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> driver.get("/status").status() == 200);
            ObjectNode capabilities = JSON.createObjectNode();
            ObjectNode always = capabilities.putObject("capabilities").putObject("alwaysMatch");
            always.put("browserName", "chrome");
            ObjectNode options = always.putObject("goog:chromeOptions");
            options.put("binary", BINARY);
            ArrayNode args = options.putArray("args");
            for (String a : new String[]{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + windowSize}) {
                args.add(a);
            }
            for (String a : extraArgs) {
                args.add(a);
            }
            Http.Reply r = driver.post("/session", JSON.writeValueAsString(capabilities));
            if (r.status() != 200) {
                throw new IllegalStateException("chromedriver refused a session: " + r.status() + " " + r.body());
            }
            session = r.json().get("value").get("sessionId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            Http.Reply r = method.equals("GET") ? driver.get("/session/" + session + path)
                    : driver.post("/session/" + session + path, JSON.writeValueAsString(body));
            if (r.status() != 200) {
                throw new AssertionError(method + " " + path + ": " + r.status() + " " + r.body());
            }
            return r.json().get("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void open(String url) {
        call("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    private String find(String css) {
        return call("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css))
                .get(ELEMENT).asText();
    }

    public void click(String css) {
        call("POST", "/element/" + find(css) + "/click", JSON.createObjectNode());
    }

    public void type(String css, String text) {
        call("POST", "/element/" + find(css) + "/value", JSON.createObjectNode().put("text", text));
    }

    /** Runs {@code js} (a function body; use {@code return}) in the page and returns its JSON result. */
    public JsonNode script(String js) {
        ObjectNode body = JSON.createObjectNode().put("script", js);
        body.putArray("args");
        return call("POST", "/execute/sync", body);
    }

    public void screenshot(Path png) {
        try {
            Files.createDirectories(png.getParent());
            Files.write(png, Base64.getDecoder().decode(call("GET", "/screenshot", null).asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.send("DELETE", "/session/" + session);
        } finally {
            driverProcess.descendants().forEach(ProcessHandle::destroy);
            driverProcess.destroy();
            try {
                driverProcess.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
