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
import vn.motcua.agent.support.ScreenStream;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    @Inject
    KioskScreens screens;

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
        try (ScreenStream screen = new ScreenStream(server.getURL().toString())) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> screen.lines().contains("event: printer")
                    && screen.lines().contains("event: ping"));
            Files.createFile(folder.resolve("PAPER_OUT"));
            printer.refresh();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> screen.heard("printer",
                    "\"status\":\"paper_out\""));
            assertTrue(screen.heard("config", "\"version\":8"));
        } finally {
            Files.deleteIfExists(folder.resolve("PAPER_OUT"));
        }
    }

    @Test
    void givenStreamOpen_whenEventsArrive_thenEachDataLineHoldsOnlyItsBodysFields() throws Exception {
        try (ScreenStream screen = new ScreenStream(server.getURL().toString())) {
            screens.showNotice("Nghỉ trưa", java.time.Instant.parse("2999-01-01T00:00:00Z"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> screen.lines().contains("event: ping")
                    && screen.lines().contains("event: notice"));
            List<String> lines = List.copyOf(screen.lines());
            assertTrue(dataOf(lines, "printer").matches("data: ?\\{\"status\":\"[a-z_]+\",\"detail\":.*,"
                    + "\"since\":\"[^\"]+\"}"), dataOf(lines, "printer"));
            assertEquals("{\"version\":8}", dataOf(lines, "config").replaceFirst("data: ?", ""));
            assertEquals("{\"n\":0}", dataOf(lines, "ping").replaceFirst("data: ?", ""));
            assertEquals("{\"text\":\"Nghỉ trưa\",\"until\":\"2999-01-01T00:00:00Z\"}",
                    dataOf(lines, "notice").replaceFirst("data: ?", ""));
        } finally {
            screens.clearNotice(java.time.Instant.now());
        }
    }

    private static String dataOf(List<String> lines, String event) {
        int i = lines.indexOf("event: " + event);
        assertTrue(i >= 0 && i + 1 < lines.size(), "no " + event + " event in " + lines);
        return lines.get(i + 1);
    }
}
