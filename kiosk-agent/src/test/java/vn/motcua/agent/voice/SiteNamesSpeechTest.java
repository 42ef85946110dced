package vn.motcua.agent.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.support.TempDb;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.SpeechRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site's names are said into the speech cache when a configuration runs, with the real espeak-ng, so the screen's
 * first request for a procedure's name is answered from the cache.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteNamesSpeechTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;
    @Inject
    SiteConfigStore site;

    private Path data;

    @Override
    public Map<String, String> getProperties() {
        try {
            data = Files.createTempDirectory("site-names-speech");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kiosk.db-file", TempDb.newFile("site-names"), "kiosk.data-dir", data.toString());
    }

    private boolean cached(String name) {
        return Files.isRegularFile(data.resolve(GuideSpeech.CACHE_FOLDER).resolve(GuideSpeech.key("vi", name)
                + ".wav"));
    }

    private String source(String name) throws Exception {
        String body = JSON.createObjectNode().put("text", name).put("lang", "vi").toString();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + "/api/speech")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.headers().firstValue(SpeechController.SOURCE_HEADER).orElse("");
    }

    @Test
    void givenTheRunningConfiguration_whenTheAgentStarts_thenEveryNameIsSaidIntoTheCacheBeforeTheScreenAsks()
            throws Exception {
        SiteConfig config = site.current();
        Set<String> names = SiteNamesSpeech.names(config);
        assertTrue(names.containsAll(config.services().stream().map(SiteConfig.Service::nameVi)
                .map(SpeechRequest::oneLine).toList()), "" + names);
        assertTrue(names.containsAll(config.procedures().stream().map(SiteConfig.Procedure::nameVi)
                .map(SpeechRequest::oneLine).toList()), "" + names);
        assertTrue(names.containsAll(config.procedures().stream().map(SiteConfig.Procedure::field).toList()));

        Awaitility.await("every name in the speech cache").atMost(Duration.ofMinutes(2))
                .until(() -> names.stream().allMatch(this::cached));

        assertEquals("cached", source(config.procedures().get(0).nameVi()));
    }

    @Test
    void givenANewConfigurationWithANewProcedure_whenApplied_thenItsNameIsPreparedToo() throws Exception {
        ObjectNode next = (ObjectNode) JSON.readTree(new ProtocolCodec().encode(site.current()));
        next.put("version", site.current().version() + 1);
        ArrayNode procedures = (ArrayNode) next.get("procedures");
        ObjectNode procedure = ((ObjectNode) procedures.get(0)).deepCopy();
        procedure.put("code", "9.999999").put("nameVi", "Cấp giấy phép tổ chức  hoạt động dạy thêm, học thêm ");
        procedures.add(procedure);

        assertEquals(SiteConfigStore.Outcome.APPLIED, site.apply(JSON.writeValueAsBytes(next)));

        String spoken = "Cấp giấy phép tổ chức hoạt động dạy thêm, học thêm";
        assertTrue(SiteNamesSpeech.names(site.current()).contains(spoken), "one line, as the screen asks for it");
        Awaitility.await("the new name in the speech cache").atMost(Duration.ofMinutes(2))
                .until(() -> cached(spoken));
        assertEquals("cached", source(spoken));
    }

    @Test
    void givenANameOverSeveralLinesAndTooLong_whenPrepared_thenItIsTheOneLineTheScreenAsksFor() {
        String name = "Công nhận\t văn bằng\n" + "tốt nghiệp ".repeat(40);

        String line = SpeechRequest.oneLine(name);

        assertTrue(line.length() <= SpeechRequest.MAX_TEXT && line.length() > SpeechRequest.MAX_TEXT - 12, line);
        assertTrue(("Công nhận văn bằng " + "tốt nghiệp ".repeat(40)).startsWith(line + " "),
                "one line, cut after a whole word: " + line);
        assertEquals(List.of(), line.chars().filter(c -> c < 0x20).boxed().toList());
    }
}
