package vn.motcua.agent.counter;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.Http;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.OutboxReader;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.SignOutReason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Officers signing in and out at counters over the LAN: each change of who is signed in is in the outbox as the
 * contract's events, read back from the real SQLite database as central decodes them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInEventsTest implements TestPropertyProvider {
    @Inject
    LanServer lan;
    @Inject
    MutableClock clock;
    @Inject
    Database db;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("kiosk.db-file", TempDb.newFile("sign-in-events"), "kiosk.kiosk-id", "kiosk-07",
                    "agent.printer.folder", Files.createTempDirectory("printed").toString(),
                    "kiosk.site-config", Path.of("src/test/resources/site/three-counters.json").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Http lanHttp() {
        return new Http(lan.baseUrl());
    }

    private String signIn(String officer, String pin, String counter) {
        Http.Reply r = lanHttp().post("/quay/api/sign-in", "{\"officerId\":\"" + officer + "\",\"pin\":\"" + pin
                + "\",\"counter\":\"" + counter + "\"}");
        assertEquals(200, r.status(), r.body());
        return r.json().get("token").asText();
    }

    private List<EventBody> bodiesAfter(long seq) {
        return OutboxReader.after(db, seq, "kiosk-07").stream().map(KioskEvent::data).toList();
    }

    @Test
    void givenOfficersSigningInAndOut_whenTheOutboxIsRead_thenEachChangeIsThereInOrder() {
        long before = OutboxReader.lastSeq(db);
        String an = signIn("cb-an", "2468", "1");
        Instant anAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        clock.advance(Duration.ofMinutes(30));
        // cb-cuong takes counter 1 over, then moves to counter 2
        String cuong = signIn("cb-cuong", "9753", "1");
        assertEquals(401, lanHttp().get("/quay/api/state", an).status(), "cb-an's session ended");
        clock.advance(Duration.ofMinutes(5));
        String cuongAt2 = signIn("cb-cuong", "9753", "2");
        assertEquals(401, lanHttp().get("/quay/api/state", cuong).status());
        clock.advance(Duration.ofMinutes(60));
        assertEquals(200, lanHttp().post("/quay/api/sign-out", "", cuongAt2).status());
        assertEquals(401, lanHttp().get("/quay/api/state", cuongAt2).status());

        List<KioskEvent> events = OutboxReader.after(db, before, "kiosk-07");
        assertEquals(List.of(
                new CounterSignedIn("1", "cb-an"),
                new CounterSignedOut("1", "cb-an", SignOutReason.REPLACED),
                new CounterSignedIn("1", "cb-cuong"),
                new CounterSignedOut("1", "cb-cuong", SignOutReason.REPLACED),
                new CounterSignedIn("2", "cb-cuong"),
                new CounterSignedOut("2", "cb-cuong", SignOutReason.OFFICER)),
                events.stream().map(KioskEvent::data).toList());
        assertEquals(anAt, events.get(0).at().toInstant());
        assertEquals(events.get(1).at(), events.get(2).at(), "replaced and signed in at the same moment");
        assertEquals(anAt.plus(Duration.ofMinutes(95)), events.get(5).at().toInstant());
    }

    @Test
    void givenASignInThatFailsOrASignOutWithoutSession_whenTheOutboxIsRead_thenNothingWasAdded() {
        long before = OutboxReader.lastSeq(db);
        Http.Reply wrong = lanHttp().post("/quay/api/sign-in",
                "{\"officerId\":\"cb-binh\",\"pin\":\"0000\",\"counter\":\"3\"}");
        assertEquals(401, wrong.status(), wrong.body());
        assertEquals(200, lanHttp().post("/quay/api/sign-out", "", "no-such-token").status());
        assertEquals(List.of(), bodiesAfter(before));
    }
}
