package vn.motcua.agent.printer;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.message.SiteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Print this guide" on a procedure's screen: the catalogue's own link, read back from the printed picture. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuidePrintTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    SiteConfigStore site;

    private final Path folder = folder();

    private static Path folder() {
        try {
            return Files.createTempDirectory("guides");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        // the bundled demo site: the ten real procedures, some of them without a national code
        return Map.of("kiosk.db-file", TempDb.newFile("guide"), "agent.printer.folder", folder.toString(),
                "agent.printer.paper-width-mm", "58", "agent.counter.port", "0");
    }

    private Http api() {
        return new Http(server.getURL().toString());
    }

    @Test
    void givenProcedureCode_whenGuidePrinted_thenItsPortalLinkIsReadBackFromThePrintedQr() throws Exception {
        SiteConfig.Procedure procedure = site.current().procedures().stream().filter(p -> p.code() != null)
                .findFirst().orElseThrow();
        Http.Reply r = api().post("/api/print/guide", "{\"procedureCode\":\"" + procedure.code() + "\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("printed").asBoolean(), r.body());

        assertEquals(procedure.portalUrl(), zbarimg(newestGuide()));
    }

    @Test
    void givenProcedureWithoutCode_whenGuidePrintedByTitle_thenThatProcedureIsPrinted() throws Exception {
        SiteConfig.Procedure procedure = site.current().procedures().stream().filter(p -> p.code() == null)
                .findFirst().orElseThrow();
        Http.Reply r = api().post("/api/print/guide", "{\"procedureCode\":null,\"title\":\"" + procedure.nameVi() + "\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(procedure.portalUrl(), zbarimg(newestGuide()));
    }

    @Test
    void givenUnknownOrMissingProcedure_whenGuideRequested_thenRefusedNamingTheField() {
        Http.Reply unknown = api().post("/api/print/guide", "{\"procedureCode\":\"9.999999\"}");
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("procedure_not_found", unknown.json().get("error").asText());
        assertEquals("procedureCode", unknown.json().get("field").asText());

        Http.Reply missing = api().post("/api/print/guide", "{\"portalUrl\":\"https://evil.example\"}");
        assertEquals(400, missing.status(), missing.body());
        assertEquals("procedureCode", missing.json().get("field").asText());
    }

    private Path newestGuide() throws IOException {
        try (var files = Files.list(folder)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().startsWith("guide-")
                            && p.getFileName().toString().endsWith(".png"))
                    .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            return newest.orElseThrow(() -> new AssertionError("no guide picture in " + folder));
        }
    }

    private static String zbarimg(Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("zbarimg", "--raw", "-q", png.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "zbarimg found no QR code in " + png);
        return out;
    }
}
