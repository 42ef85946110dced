package vn.motcua.agent.remote;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.message.CommandResult;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command id once accepted stays refused, whatever the kiosk's clock does; the memory stays bounded. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeenCommandsTest implements TestPropertyProvider {
    @Inject
    RemoteCommands commands;
    @Inject
    MutableClock clock;
    @Inject
    KioskSettings kiosk;

    private final CentralKeys central = new CentralKeys();
    private final Path folder = CentralKeys.tempFolder("seen-commands");

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("seen-commands"), "agent.printer.folder", folder.toString(),
                "agent.remote.public-key-file", central.writePublicKey(folder), "agent.sync.enabled", "false");
    }

    private byte[] command(String id, Instant issuedAt) {
        return central.command(kiosk.siteId(), kiosk.kioskId(), id, "clear_notice", Map.of(), issuedAt,
                Duration.ofMinutes(5));
    }

    @Test
    void givenAcceptedCommand_whenClockStepsForwardThenBackAndItIsReplayed_thenRefused() {
        Instant start = clock.instant();
        byte[] first = command("cmd-before-step", start);
        assertTrue(commands.handle(first).ok());

        clock.set(start.plus(Duration.ofDays(3)));
        assertTrue(commands.handle(command("cmd-after-step", clock.instant())).ok(),
                "a command accepted while the clock is days ahead");
        clock.set(start.plus(Duration.ofMinutes(1)));

        CommandResult replay = commands.handle(first);
        assertFalse(replay.ok(), replay.message());
        assertEquals("rejected: replayed command id cmd-before-step", replay.message());
    }

    @Test
    void givenMoreIdsThanKept_whenRemembered_thenOnlyThoseExpiredLongBeforeTheNewestAreForgotten() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("kiosk.db-file", TempDb.newFile("seen-bound"),
                "agent.sync.enabled", false, "agent.remote.seen-commands-kept", 3,
                "agent.remote.max-lifetime", "1h", "agent.remote.seen-commands-forget-after", "1h"), "test")) {
            SeenCommands seen = ctx.getBean(SeenCommands.class);
            Instant t = Instant.parse("2026-12-01T02:00:00Z");
            for (int i = 1; i <= 5; i++) {
                assertTrue(seen.remember("c" + i, t.plus(Duration.ofMinutes(i))));
            }
            assertEquals(5, seen.size(), "more than kept, but none expired an hour before the newest: all kept");
            assertFalse(seen.remember("c1", t.plus(Duration.ofMinutes(1))), "still a replay");

            assertTrue(seen.remember("c6", t.plus(Duration.ofDays(2))));
            assertEquals(3, seen.size(), "the newest three stay; older ones long expired go");
            assertFalse(seen.remember("c4", t.plus(Duration.ofMinutes(4))));
            assertFalse(seen.remember("c6", t.plus(Duration.ofDays(2))));
        }
    }
}
