package vn.motcua.agent.queue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.OutboxReader;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ticket nobody would call is not issued; a site that lists no counters issues any service. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceNotServedTest implements TestPropertyProvider {
    private static final Path THREE_COUNTERS = Path.of("src/test/resources/site/three-counters.json").toAbsolutePath();

    @Inject
    EmbeddedServer server;
    @Inject
    Database db;
    @Inject
    SiteConfigStore site;
    @Inject
    LanServer lan;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("not-served"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", THREE_COUNTERS.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api api() {
        return new Api(server.getURL());
    }

    /** The test site's configuration as a newer version, with its counters replaced. */
    private void applyCounters(long version, String countersJson) throws IOException {
        String json = Files.readString(THREE_COUNTERS).replaceFirst("\"version\": 3", "\"version\": " + version)
                .replaceFirst("(?s)\"counters\": \\[.*?\\],\\s*\"officers\"", "\"counters\": " + countersJson
                        + ", \"officers\"");
        assertEquals(SiteConfigStore.Outcome.APPLIED, site.apply(json.getBytes(StandardCharsets.UTF_8)), json);
    }

    @Test
    void givenSiteWhoseCountersServeABC_whenTicketForDRequested_thenConflictNamingTheServiceAndNothingStored()
            throws IOException {
        long seq = OutboxReader.lastSeq(db);
        HttpResponse<String> refused = api().post("/api/tickets", "{\"service\":\"D\",\"priority\":null}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("service_not_served", Api.json(refused.body()).get("error").asText());
        assertEquals("service", Api.json(refused.body()).get("field").asText());
        assertTrue(Api.json(refused.body()).get("message").asText().contains("không có quầy nào phục vụ dịch vụ D"),
                refused.body());
        assertEquals(seq, OutboxReader.lastSeq(db), "no ticket, no event");
        assertEquals(201, api().post("/api/tickets", "{\"service\":\"C\"}").statusCode(), "served services still work");

        // a site that lists no counters has not said who serves what: any service is issued
        applyCounters(site.current().version() + 1, "[]");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> d = api().post("/api/tickets", "{\"service\":\"D\"}", key);
        assertEquals(201, d.statusCode(), d.body());

        // counters listed again, D not among them: a replay of the earlier request still answers with its ticket
        applyCounters(site.current().version() + 1, "[{\"id\": \"1\", \"nameVi\": \"Quầy 1\", \"services\": [\"A\"]}]");
        HttpResponse<String> replay = api().post("/api/tickets", "{\"service\":\"D\"}", key);
        assertEquals(201, replay.statusCode(), replay.body());
        assertEquals(d.body(), replay.body());
        assertEquals(409, api().post("/api/tickets", "{\"service\":\"D\"}").statusCode());
        assertEquals(409, api().post("/api/tickets", "{\"service\":\"B\"}").statusCode());

        // nor is a called ticket transferred to a service nobody would call
        Http lanHttp = new Http(lan.baseUrl());
        String token = lanHttp.post("/quay/api/sign-in", "{\"officerId\":\"cb-an\",\"pin\":\"2468\","
                + "\"counter\":\"1\"}").json().get("token").asText();
        HttpResponse<String> a = api().post("/api/tickets", "{\"service\":\"A\"}");
        assertEquals(201, a.statusCode(), a.body());
        Http.Reply called = lanHttp.post("/quay/api/call-next", "", token);
        assertEquals(200, called.status(), called.body());
        long beforeTransfer = OutboxReader.lastSeq(db);
        Http.Reply transfer = lanHttp.post("/quay/api/transfer", "{\"service\":\"B\"}", token);
        assertEquals(409, transfer.status(), transfer.body());
        assertEquals("service_not_served", transfer.json().get("error").asText());
        assertEquals(beforeTransfer, OutboxReader.lastSeq(db));
        assertEquals(200, lanHttp.post("/quay/api/finish", "", token).status(), "the ticket stayed at the counter");
    }
}
