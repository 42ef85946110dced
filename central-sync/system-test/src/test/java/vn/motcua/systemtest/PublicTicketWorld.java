package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A broker, central-sync and one kiosk-agent on the bundled demo site, with the counter console of counter 2 and a
 * headless Chromium sized as a 360×740 phone: what the public ticket page's system test and benchmark share.
 */
final class PublicTicketWorld implements AutoCloseable {
    static final String SITE = "so-gddt-public";
    static final String KIOSK = "kiosk-public-1";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "mat-khau-rat-dai-2026";
    static final Path SCREENSHOTS = Path.of("..", "target", "screenshots");

    final CentralSync central;
    final KioskAgent agent;
    final CounterConsole counter;
    final Path printed;
    private final List<ManagedProcess> started = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Http http = new Http();
    WebDriver browser;

    PublicTicketWorld(Path work, String burst) throws Exception {
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        central = CentralSync.create("central-public", broker.url(), 0,
                "jdbc:sqlite:" + work.resolve("central.db").toAbsolutePath(), work);
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        central.putEnv("CENTRAL_PUBLIC_PAGE_BURST", burst);
        started.add(central);
        central.start();
        int lanPort = Ports.free();
        printed = work.resolve(KIOSK + "-printed");
        agent = KioskAgent.create(SITE, KIOSK, broker.url(), work, java.util.Map.of(
                "KIOSK_COMMAND_KEY", central.signingPublicKey.toString(), "AGENT_TELEMETRY_INTERVAL", "1s",
                "AGENT_LAN_PORT", String.valueOf(lanPort), "AGENT_PRINTER_KIND", "file"));
        started.add(0, agent);
        agent.start();
        counter = new CounterConsole(lanPort);
    }

    /** Publishes the bundled demo configuration from central with the public page's address set (or not). */
    void publishConfig(String publicBaseUrl, int alertAhead) throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(central.api("/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = Http.JSON.readTree(login.body()).get("csrf").asText();
        ObjectNode config;
        try (var in = getClass().getResourceAsStream("/site-config.json")) {
            config = (ObjectNode) Http.JSON.readTree(in != null ? in.readAllBytes() : Files.readAllBytes(
                    Path.of("..", "..", "kiosk-agent", "src", "main", "resources", "sample-site", "site-config.json")));
        }
        config.remove("sig");
        config.put("publicBaseUrl", publicBaseUrl);
        config.put("alertAhead", alertAhead);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(central.api("/api/sites/" + SITE
                        + "/config"))).header("Content-Type", "application/json").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(config.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("publish refused: " + r.statusCode() + " " + r.body());
        }
        long version = Http.JSON.readTree(r.body()).get("version").asLong();
        await("agent runs configuration " + version).atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> fleet = client.send(HttpRequest.newBuilder(URI.create(central.api("/api/fleet")))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode k : Http.JSON.readTree(fleet.body())) {
                if (KIOSK.equals(k.path("kioskId").asText()) && k.path("configVersion").asLong() == version) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A ticket of service A taken at the kiosk: its JSON as the touchscreen gets it. */
    JsonNode issue() throws Exception {
        Http.Response r = http.post(agent.api("/api/tickets"), "{\"service\":\"A\",\"priority\":null}", null);
        if (r.status() != 201) {
            throw new IllegalStateException("ticket refused: " + r.status() + " " + r.body());
        }
        return r.body();
    }

    /** What zbarimg reads from the printed ticket's picture. */
    String printedQr(JsonNode ticket) throws Exception {
        Path png = printed.resolve(ticket.get("display").asText() + "-" + ticket.get("ticketId").asText() + ".png");
        await("printed " + png).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(png));
        Process p = new ProcessBuilder("zbarimg", "--raw", "-q", png.toString()).redirectError(
                ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    WebDriver phone() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=360,740", "--lang=vi",
                "--autoplay-policy=no-user-gesture-required");
        // a desktop window has a minimum width above a phone's: emulate the phone's viewport instead
        options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                java.util.Map.of("width", 360, "height", 740, "pixelRatio", 1.0, "touch", true)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        return browser;
    }

    void shot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.quit();
        }
        started.forEach(ManagedProcess::stop);
    }
}
