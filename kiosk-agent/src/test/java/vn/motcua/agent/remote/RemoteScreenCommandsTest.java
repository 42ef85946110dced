package vn.motcua.agent.remote;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.stream.KioskScreens;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.ScreenStream;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.message.CommandResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notices and restarts that central sends for the kiosk screen reach it over the event stream. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteScreenCommandsTest implements TestPropertyProvider {
    private static final String NOTICE = "Bộ phận Một cửa nghỉ trưa từ 11:30 đến 13:30.";

    @Inject
    RemoteCommands commands;
    @Inject
    KioskSettings kiosk;
    @Inject
    KioskScreens screens;
    @Inject
    EmbeddedServer server;

    private final CentralKeys central = new CentralKeys();
    private final Path folder = CentralKeys.tempFolder("remote-screen");

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("remote-screen"), "agent.printer.folder", folder.toString(),
                "agent.remote.public-key-file", central.writePublicKey(folder), "agent.counter.port", "0",
                "agent.sync.enabled", "false", "agent.stream.ping-interval", "1s");
    }

    private CommandResult run(String type, Map<String, String> args) {
        return commands.handle(central.command(kiosk.siteId(), kiosk.kioskId(), UUID.randomUUID().toString(), type,
                args));
    }

    private ScreenStream screen() throws Exception {
        return new ScreenStream(server.getURL().toString());
    }

    @Test
    void givenNoScreen_whenRestartAsked_thenRefusedSayingSo_andNoticeIsKeptForTheNextScreen() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> screens.connected() == 0);
        CommandResult restart = run("restart_app", Map.of());
        assertFalse(restart.ok(), restart.message());
        assertTrue(restart.message().contains("no kiosk screen"), restart.message());

        CommandResult kept = run("show_notice", Map.of("text", NOTICE, "minutes", "30"));
        assertTrue(kept.ok(), kept.message());
        assertTrue(kept.message().startsWith("notice kept until"), kept.message());
        try (ScreenStream later = screen()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> later.heard("notice", NOTICE));
        }

        assertTrue(run("clear_notice", Map.of()).ok());
        try (ScreenStream after = screen()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> after.lines().contains("event: ping"));
            assertFalse(after.lines().contains("event: notice"), "a notice taken down is not shown again");
        }
    }

    @Test
    void givenScreenConnected_whenNoticeAndRestartSent_thenScreenHearsBoth_andBadArgumentsAreRefused()
            throws Exception {
        try (ScreenStream screen = screen()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> screens.connected() == 1);
            CommandResult shown = run("show_notice", Map.of("text", NOTICE));
            assertTrue(shown.ok(), shown.message());
            assertTrue(shown.message().startsWith("notice shown on 1 screen until"), shown.message());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> screen.heard("notice", NOTICE));

            for (String minutes : List.of("0", "abc", "1441", "-5")) {
                CommandResult refused = run("show_notice", Map.of("text", "x", "minutes", minutes));
                assertFalse(refused.ok(), minutes);
                assertTrue(refused.message().contains("args.minutes"), refused.message());
            }
            CommandResult tooLong = run("show_notice", Map.of("text", "a".repeat(RemoteCommands.NOTICE_MAX + 1)));
            assertFalse(tooLong.ok());
            assertTrue(tooLong.message().contains("args.text"), tooLong.message());
            assertFalse(screen.heard("notice", "\"text\":\"x\""), "a refused notice never reaches the screen");

            CommandResult restart = run("restart_app", Map.of());
            assertTrue(restart.ok(), restart.message());
            assertTrue(restart.message().contains("1 screen"), restart.message());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> screen.heard("restart", "commandId"));
        } finally {
            run("clear_notice", Map.of());
        }
    }
}
