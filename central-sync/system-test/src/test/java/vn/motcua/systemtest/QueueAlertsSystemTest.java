package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue alerts end to end from a real agent's events: tickets of service A taken at the kiosk, counter 2 signed
 * in on its console, central's wall clock stepped three minutes on (libfaketime) past a one-minute target and a
 * one-minute idle threshold: central raises a long wait for A and an idle counter 2; the officer calls and serves
 * both tickets and central clears them. The fleet and alert pages are saved as screenshots
 * (central-sync/target/screenshots/queue-alerts-*.png).
 */
class QueueAlertsSystemTest {
    private static final String SITE = "so-gddt-queue";
    private static final String KIOSK = "kiosk-queue-1";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "mat-khau-rat-dai-2026";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<ManagedProcess> started = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Http http = new Http();
    private String cookie;
    private String csrf;
    private CentralSync central;

    @AfterEach
    void stop() {
        started.forEach(ManagedProcess::stop);
    }

    @Test
    void givenALongWaitAndAnIdleCounter_whenTheCounterCallsAndServes_thenCentralRaisesThenClearsTheirAlerts(
            TestInfo test) throws Exception {
        Path work = RunFolder.of(test);
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        central = CentralSync.create("central-queue", broker.url(), 0,
                "jdbc:sqlite:" + work.resolve("central.db").toAbsolutePath(), work);
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        central.putEnv("FLEET_EVALUATE_EVERY", "1s");
        FakeClock clock = new FakeClock(work.resolve("central-faketime"));
        clock.environment().forEach(central::putEnv);
        started.add(central);
        central.start();
        int lanPort = Ports.free();
        KioskAgent agent = KioskAgent.create(SITE, KIOSK, broker.url(), work, Map.of(
                "KIOSK_COMMAND_KEY", central.signingPublicKey.toString(), "AGENT_TELEMETRY_INTERVAL", "1s",
                "AGENT_LAN_PORT", String.valueOf(lanPort), "AGENT_PRINTER_KIND", "file"));
        started.add(0, agent);
        agent.start();
        CounterConsole counter = new CounterConsole(lanPort);
        signIn();
        publishConfig();

        counter.signIn();
        for (int i = 0; i < 2; i++) {
            Http.Response r = http.post(agent.api("/api/tickets"), "{\"service\":\"A\",\"priority\":null}", null);
            assertEquals(201, r.status(), String.valueOf(r.body()));
        }
        // central has the waiting tickets and the signed-in counter, and within the thresholds raises nothing
        await("central follows the queue").atMost(WAIT).until(() -> central("/api/kiosks").toString()
                .contains(KIOSK));
        Thread.sleep(3_000);
        assertEquals(Map.of(), open(), "nothing past a threshold yet");

        clock.setOffset(180);
        await("long wait for A and idle counter 2 raised").atMost(WAIT).until(() -> open().keySet().equals(
                java.util.Set.of("long_wait:A", "idle_counter:2")));
        assertTrue(open().get("idle_counter:2").path("detail").asText().contains("2 waiting"),
                open().toString());
        shot("/fleet", "queue-alerts-fleet");
        shot("/alerts", "queue-alerts-list");

        assertTrue(counter.act("call-next").ok());
        await("the counter serving: not idle").atMost(WAIT).until(() -> open().keySet().equals(
                java.util.Set.of("long_wait:A")));
        assertTrue(counter.act("finish").ok());
        assertTrue(counter.act("call-next").ok());
        await("nobody waiting: every queue alert cleared").atMost(WAIT).until(() -> open().isEmpty());
        assertTrue(counter.act("finish").ok());
        List<String> cleared = new ArrayList<>();
        for (JsonNode a : central("/api/alerts")) {
            if (a.path("clearedAt").asLong() > 0) {
                cleared.add(a.path("kind").asText() + ":" + a.path("subject").asText());
            }
        }
        assertTrue(cleared.containsAll(List.of("long_wait:A", "idle_counter:2")), cleared.toString());
    }

    /** The open queue alerts of the kiosk by kind and subject. */
    private Map<String, JsonNode> open() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode a : central("/api/alerts")) {
            if (a.path("clearedAt").asLong() == 0 && KIOSK.equals(a.path("kioskId").asText())
                    && a.hasNonNull("subject")) {
                out.put(a.path("kind").asText() + ":" + a.path("subject").asText(), a);
            }
        }
        return out;
    }

    private void signIn() throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(central.api("/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        csrf = Http.JSON.readTree(login.body()).get("csrf").asText();
    }

    private JsonNode central(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(central.api(path)))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        return Http.JSON.readTree(r.body());
    }

    /** The bundled demo configuration with service A's target at one minute and counters idle after one. */
    private void publishConfig() throws Exception {
        ObjectNode config = (ObjectNode) Http.JSON.readTree(Files.readAllBytes(Path.of("..", "..", "kiosk-agent",
                "src", "main", "resources", "sample-site", "site-config.json")));
        config.remove("sig");
        for (JsonNode s : (ArrayNode) config.get("services")) {
            if (s.path("prefix").asText().equals("A")) {
                ((ObjectNode) s).put("targetMinutes", 1);
            }
        }
        config.put("idleCounterMinutes", 1);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(central.api("/api/sites/" + SITE
                        + "/config"))).header("Content-Type", "application/json").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(config.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        long version = Http.JSON.readTree(r.body()).get("version").asLong();
        await("agent runs configuration " + version).atMost(WAIT).until(() -> {
            for (JsonNode k : central("/api/fleet")) {
                if (KIOSK.equals(k.path("kioskId").asText()) && k.path("configVersion").asLong() == version) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A console page as a browser shows it, with the admin's session, saved for a person to look at. */
    private void shot(String path, String name) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(central.api(path)))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        Path shots = PublicTicketWorld.SCREENSHOTS;
        Files.createDirectories(shots);
        Path css = Path.of("..", "service", "src", "main", "resources", "public", "app.css").toAbsolutePath();
        Path html = shots.resolve(name + ".html").toAbsolutePath();
        Files.writeString(html, page.body().replace("/static/app.css", css.toUri().toString()),
                StandardCharsets.UTF_8);
        Path png = shots.resolve(name + ".png").toAbsolutePath();
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,900", "--screenshot=" + png,
                html.toUri().toString()).redirectErrorStream(true)
                .redirectOutput(shots.resolve(name + ".log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    }
}
