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
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.sign.Signatures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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

    private final KeyPair central = pair();
    private final Path folder = folder();
    private final ProtocolCodec codec = new ProtocolCodec();

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("remote-screen");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Path key = folder.resolve("command-signing.pub");
        try {
            Files.writeString(key, Signatures.pem("PUBLIC KEY", central.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kiosk.db-file", TempDb.newFile("remote-screen"), "agent.printer.folder", folder.toString(),
                "agent.remote.public-key-file", key.toString(), "agent.counter.port", "0",
                "agent.sync.enabled", "false", "agent.stream.ping-interval", "1s");
    }

    private CommandResult run(String type, Map<String, String> args) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Command unsigned = new Command(id, type, args, now, now.plusMinutes(5), "");
        String sig = Signatures.sign(central.getPrivate(),
                Signatures.commandBytes(kiosk.siteId(), kiosk.kioskId(), unsigned));
        return commands.handle(codec.encode(new Command(id, type, args, now, now.plusMinutes(5), sig)));
    }

    /** A kiosk screen following {@code /api/stream}: every line it has read so far. */
    private final class Screen implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final InputStream body;

        Screen() throws IOException, InterruptedException {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.getURL() + "/api/stream")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            body = response.body();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
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
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event: config"));
        }

        boolean heard(String event, String dataPart) {
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).equals("event: " + event) && lines.get(i + 1).contains(dataPart)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
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
        try (Screen later = new Screen()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> later.heard("notice", NOTICE));
        }

        assertTrue(run("clear_notice", Map.of()).ok());
        try (Screen after = new Screen()) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> after.lines.contains("event: ping"));
            assertFalse(after.lines.contains("event: notice"), "a notice taken down is not shown again");
        }
    }

    @Test
    void givenScreenConnected_whenNoticeAndRestartSent_thenScreenHearsBoth_andBadArgumentsAreRefused()
            throws Exception {
        try (Screen screen = new Screen()) {
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
