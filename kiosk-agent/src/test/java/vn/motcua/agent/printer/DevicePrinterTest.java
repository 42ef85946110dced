package vn.motcua.agent.printer;

import org.junit.jupiter.api.Test;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.status.KioskHealth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The USB printer class device, stood in for by a plain file that exists or not. */
class DevicePrinterTest {
    private static TicketPrinter printer(Path device, PrinterMonitor monitor) {
        PrinterSettings s = new PrinterSettings("device", "target/printed", "/dev/serial0", 115200, device.toString(),
                58, false, false, Duration.ofSeconds(2), Duration.ofSeconds(1), 1, Duration.ofSeconds(2),
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
        return new TicketPrinter(s, new TicketRenderer(s), new EscPosEncoder(), monitor, new PaperSensor());
    }

    @Test
    void givenDevicePresent_whenTicketPrinted_thenJobWrittenToIt() throws Exception {
        Path device = Files.createTempFile("lp0", "");
        TicketPrinter printer = printer(device, new PrinterMonitor(Clock.systemUTC(), new KioskEventBus(), new KioskHealth()));
        PrintOutcome outcome = printer.print(SerialPrinterTest.slip(), "A012");
        assertTrue(outcome.printed());
        assertArrayEquals(printer.encode(SerialPrinterTest.slip()), Files.readAllBytes(device));
    }

    @Test
    void givenDeviceUnplugged_whenTicketPrinted_thenOfflineAndNotPrinted() {
        PrinterMonitor monitor = new PrinterMonitor(Clock.systemUTC(), new KioskEventBus(), new KioskHealth());
        TicketPrinter printer = printer(Path.of("target", "no-such-lp0"), monitor);
        PrintOutcome outcome = printer.print(SerialPrinterTest.slip(), "A012");
        assertFalse(outcome.printed());
        assertEquals("offline", outcome.problem());
        assertEquals(PrinterStatus.OFFLINE, monitor.current().status());
    }
}
