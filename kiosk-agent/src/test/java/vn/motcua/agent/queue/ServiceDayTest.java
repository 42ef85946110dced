package vn.motcua.agent.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Api;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The day a ticket number belongs to never goes backwards, whatever the clock does. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceDayTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;
    @Inject
    MutableClock clock;
    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("service-day"),
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api api() {
        return new Api(server.getURL());
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    @Test
    void givenClockStepsBackADay_whenTicketsIssuedAndCalled_thenNumbersContinueUnderTheLaterDayAndCallNextSeesThem() {
        clock.set(Instant.parse("2026-12-10T03:00:00Z")); // 10:00 on 10 December in Ho Chi Minh City
        assertEquals("A001", api().ticket("A").get("display").asText());

        clock.set(Instant.parse("2026-12-09T08:00:00Z")); // stepped back to 15:00 the day before
        JsonNode second = api().ticket("A");
        assertEquals("A002", second.get("display").asText(), "no second A001");
        assertEquals("2026-12-09T15:00+07:00", second.get("issuedAt").asText(), "the time stays what the clock said");
        assertEquals(1, api().ticket("B").get("number").asInt());
        assertEquals(2, api().get("/api/status").get("queues").get("A").asInt());
        assertEquals(second.get("ticketId").asText(), api().get("/api/tickets?number=A002").get("ticketId").asText());
        assertEquals(0, duplicateNumbers());

        Http.Reply signIn = lanHttp().post("/quay/api/sign-in",
                "{\"officerId\":\"cb-an\",\"pin\":\"2468\",\"counter\":\"1\"}");
        assertEquals(200, signIn.status(), signIn.body());
        String token = signIn.json().get("token").asText();
        for (String expected : new String[]{"A001", "A002"}) {
            Http.Reply called = lanHttp().post("/quay/api/call-next", "", token);
            assertEquals(200, called.status(), called.body());
            assertEquals(expected, called.json().get("display").asText());
            assertEquals(200, lanHttp().post("/quay/api/finish", "", token).status());
        }

        clock.set(Instant.parse("2026-12-11T01:00:00Z")); // 08:00 the next real day: numbering restarts
        assertEquals("A001", api().ticket("A").get("display").asText());
        assertEquals(0, duplicateNumbers());
    }

    private long duplicateNumbers() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT display, service_day "
                    + "FROM ticket GROUP BY display, service_day HAVING count(*) > 1)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
