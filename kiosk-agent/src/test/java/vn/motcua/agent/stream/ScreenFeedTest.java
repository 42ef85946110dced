package vn.motcua.agent.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the kiosk screen reads: the site configuration ({@code GET /api/site}) and the event stream. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenFeedTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    TicketPrinter printer;

    private final Path folder = tempFolder();

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("printed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("screen-feed"), "agent.printer.folder", folder.toString(),
                "agent.stream.ping-interval", "1s");
    }

    @Test
    void givenBundledDemoSite_whenRead_thenTheTenRealProceduresWithTheirCatalogueLinks() throws IOException {
        Http.Reply r = new Http(server.getURL().toString()).get("/api/site");
        assertEquals(200, r.status(), r.body());
        JsonNode site = r.json();
        List<String> csvLinks;
        try (InputStream in = getClass().getResourceAsStream("/sample-site/procedures-sample.csv")) {
            csvLinks = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
        }
        assertEquals(10, site.get("procedures").size());
        for (int i = 0; i < 10; i++) {
            assertEquals(csvLinks.get(i), site.get("procedures").get(i).get("portalUrl").asText());
        }
        assertEquals(3, site.get("services").size());
        assertEquals(5, site.get("ratingScale").asInt());
    }

    @Test
    void givenStreamOpen_whenPrinterRunsOutOfPaper_thenScreenHearsIt() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURL() + "/api/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event: config")
                    && lines.contains("event: printer") && lines.contains("event: ping"));
            Files.createFile(folder.resolve("PAPER_OUT"));
            printer.refresh();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream()
                    .anyMatch(l -> l.startsWith("data:") && l.contains("\"status\":\"paper_out\"")));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"version\":8")));
        } finally {
            response.body().close();
            Files.deleteIfExists(folder.resolve("PAPER_OUT"));
        }
    }
}
