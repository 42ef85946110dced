package vn.motcua.agent.remote;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.support.CentralKeys;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.message.CommandResult;

import java.nio.file.Files;
import java.nio.file.Path;
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

    private final CentralKeys central = new CentralKeys();
    private final Path folder = CentralKeys.tempFolder("remote-print");

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("remote-print"), "agent.printer.folder", folder.toString(),
                "agent.remote.public-key-file", central.writePublicKey(folder), "agent.counter.port", "0",
                "agent.sync.enabled", "false");
    }

    private byte[] signed(String id) {
        return central.command(kiosk.siteId(), kiosk.kioskId(), id, "print_test_ticket", Map.of());
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
