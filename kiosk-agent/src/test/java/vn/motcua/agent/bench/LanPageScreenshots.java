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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Screenshots of the LAN pages in headless Chromium, for a person to look at: {@code mvn -Pbench verify
 * -Dtest=LanPageScreenshots}. Writes target/screenshots/*.png. Not part of the default build (Chromium is heavy).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanPageScreenshots implements TestPropertyProvider {
    private static final Path OUT = Path.of("target", "screenshots");

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("screens"), "agent.printer.folder", "target/screenshots/printed",
                "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
    }

    private void shoot(String url, String name, String size) throws Exception {
        Files.createDirectories(OUT);
        Path png = OUT.resolve(name + ".png").toAbsolutePath();
        Process p = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--hide-scrollbars", "--window-size=" + size,
                "--timeout=6000", "--screenshot=" + png, url))
                .redirectErrorStream(true).redirectOutput(OUT.resolve(name + ".log").toFile()).start();
        try {
            // the hall display keeps its event stream open, so Chromium may not exit by itself after the shot
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(png) || !p.isAlive());
            p.waitFor(5, TimeUnit.SECONDS);
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        assertTrue(Files.exists(png) && Files.size(png) > 1000, name);
    }

    @Test
    void screenshotsOfConsoleDisplayAndTicketPage() throws Exception {
        Api api = new Api(server.getURL());
        JsonNode first = api.ticket("A");
        api.ticket("A");
        JsonNode waiting = api.ticket("A");
        api.ticket("B");
        Http lanHttp = new Http(lan.baseUrl());
        String one = lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"cb-an\",\"pin\":\"2468\",\"counter\":\"1\"}")
                .json().get("token").asText();
        String three = lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"cb-cuong\",\"pin\":\"9753\",\"counter\":\"3\"}")
                .json().get("token").asText();
        lanHttp.post("/quay/api/call-next", "", one);
        lanHttp.post("/quay/api/call-next", "", three);

        shoot(lan.baseUrl() + "/man-hinh", "hall-display", "1280,720");
        shoot(lan.baseUrl() + "/quay", "counter-console-signin", "800,700");
        shoot(waiting.get("statusUrl").asText(), "ticket-page-waiting", "412,700");
        shoot(first.get("statusUrl").asText(), "ticket-page-called", "412,700");
    }
}
