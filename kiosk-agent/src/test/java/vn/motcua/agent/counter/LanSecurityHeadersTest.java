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
import vn.motcua.agent.support.LanClient;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every answer of the LAN server, pages, files, JSON, errors and streams alike, carries the content security policy
 * and the framing, sniffing and referrer headers; the pages hold no inline script or style for the policy to allow;
 * and error bodies say what went wrong without naming the agent's classes.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanSecurityHeadersTest implements TestPropertyProvider {
    private static final String FROM = "127.0.6.1";
    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=|javascript:", Pattern.CASE_INSENSITIVE);

    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("lan-headers"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "agent.counter.display.max-streams-per-address", "1",
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertHardened(String what, int status, java.util.function.Function<String, String> header) {
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                header.apply("Content-Security-Policy"), what + " (" + status + ")");
        assertEquals("DENY", header.apply("X-Frame-Options"), what);
        assertEquals("nosniff", header.apply("X-Content-Type-Options"), what);
        assertEquals("no-referrer", header.apply("Referrer-Policy"), what);
    }

    @Test
    void givenAnyLanAnswer_whenServed_thenItCarriesThePolicyAndFramingSniffingAndReferrerHeaders() {
        JsonNode ticket = new Api(server.getURL()).ticket("A");
        LanClient client = new LanClient(lan.baseUrl());
        List<LanClient.Reply> replies = new ArrayList<>();
        for (String path : List.of("/", "/quay", "/man-hinh", "/lan/console.js", "/lan/console.css", "/lan/display.js",
                "/lan/display.css", "/lan/ticket.css", "/quay/api/site", "/quay/api/state",
                "/t/" + ticket.get("ticketId").asText(), "/t/" + ticket.get("ticketId").asText() + ".json",
                "/t/00000000-0000-0000-0000-000000000000", "/lan/../application.yml", "/nope")) {
            replies.add(client.get(FROM, path));
        }
        replies.add(client.send(FROM, "DELETE", "/quay", null, null));
        replies.add(client.send(FROM, "POST", "/quay/api/sign-in", "text/plain", "{}"));
        replies.add(client.postJson(FROM, "/quay/api/sign-in", "{\"officerId\":"));
        replies.add(client.postJson(FROM, "/quay/api/nope", "{}"));
        for (LanClient.Reply r : replies) {
            assertHardened(r.status() + " " + r.body().substring(0, Math.min(60, r.body().length())), r.status(), r::header);
            assertFalse(r.body().contains("Exception") || r.body().contains("vn.motcua") || r.body().contains("\tat "),
                    r.body());
        }
        assertEquals(404, client.get(FROM, "/lan/../application.yml").status(), "only the listed files are served");
        assertEquals("text/javascript; charset=utf-8", client.get(FROM, "/lan/console.js").header("Content-Type"));

        try (LanClient.Stream stream = client.openStream(FROM, "/man-hinh/events");
             LanClient.Stream refused = client.openStream(FROM, "/man-hinh/events")) {
            assertEquals(200, stream.status());
            assertHardened("display stream", stream.status(), stream::header);
            assertEquals(429, refused.status());
            assertHardened("refused display stream", refused.status(), refused::header);
        }
    }

    @Test
    void givenTheLanPages_whenRead_thenNoInlineScriptStyleOrHandlerIsThereForThePolicyToAllow() {
        JsonNode ticket = new Api(server.getURL()).ticket("B");
        LanClient client = new LanClient(lan.baseUrl());
        for (String path : List.of("/quay", "/man-hinh", "/t/" + ticket.get("ticketId").asText(),
                "/t/00000000-0000-0000-0000-000000000000")) {
            String html = client.get(FROM, path).body();
            assertFalse(INLINE.matcher(html).find(), path + ": " + html);
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/lan/"), path);
        }
        for (String script : List.of("/lan/console.js", "/lan/display.js")) {
            String js = client.get(FROM, script).body();
            assertFalse(js.contains("innerHTML") || js.contains("outerHTML") || js.contains("insertAdjacentHTML")
                    || js.contains("document.write"), script + " builds elements, never markup from strings");
        }
    }
}
