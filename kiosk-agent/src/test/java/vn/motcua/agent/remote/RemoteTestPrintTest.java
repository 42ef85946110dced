package vn.motcua.agent.remote;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.sign.Signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A signed "print a test ticket" from central reaches the real printer path and says what happened. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteTestPrintTest implements TestPropertyProvider {
    @Inject
    RemoteCommands commands;
    @Inject
    TicketPrinter printer;
    @Inject
    KioskSettings kiosk;

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
            return Files.createTempDirectory("remote-print");
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
        return Map.of("kiosk.db-file", TempDb.newFile("remote-print"), "agent.printer.folder", folder.toString(),
                "agent.remote.public-key-file", key.toString(), "agent.counter.port", "0",
                "agent.sync.enabled", "false");
    }

    private byte[] signed(String id) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Command unsigned = new Command(id, "print_test_ticket", Map.of(), now, now.plusMinutes(5), "");
        String sig = Signatures.sign(central.getPrivate(),
                Signatures.commandBytes(kiosk.siteId(), kiosk.kioskId(), unsigned));
        return codec.encode(new Command(id, "print_test_ticket", Map.of(), now, now.plusMinutes(5), sig));
    }

    @Test
    void givenPaper_whenTestPrintCommanded_thenSlipIsPrinted_andWithoutPaper_thenRefusedSayingWhy() throws Exception {
        CommandResult done = commands.handle(signed("cmd-print-1"));
        assertTrue(done.ok(), done.message());
        try (var files = Files.list(folder)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("test-")
                    && p.getFileName().toString().endsWith(".png")), "a test slip picture in " + folder);
        }

        Files.createFile(folder.resolve("PAPER_OUT"));
        printer.refresh();
        CommandResult refused = commands.handle(signed("cmd-print-2"));
        assertFalse(refused.ok(), refused.message());
        assertTrue(refused.message().contains("paper_out"), refused.message());
    }
}
