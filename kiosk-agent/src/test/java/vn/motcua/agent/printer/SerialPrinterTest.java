package vn.motcua.agent.printer;

import com.fazecast.jSerialComm.SerialPort;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.agent.support.SocatPair;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ticket printer over a real serial line: a socat pseudo-terminal pair through jSerialComm. The bytes captured
 * on the far end are decoded back to the printed picture, and zbarimg — a decoder independent of ours — must read the
 * ticket's QR code from it.
 */
class SerialPrinterTest {
    static final Path OUT = Path.of("target", "tickets");
    private static final String URL = "http://192.168.1.20:8090/t/5f0c7a0e-3d1b-4c7e-9a55-0b8f3f6f2a11";

    /**
     * The reply time-out is generous: the answering end is a thread of this test behind socat, which a busy build
     * machine may not schedule within a real printer's 1.5 s.
     */
    static PrinterSettings settings(String kind, String port, int widthMm, boolean statusQuery) {
        return new PrinterSettings(kind, OUT.toString(), port, 115200, "/dev/usb/lp0", widthMm, statusQuery, false,
                Duration.ofSeconds(10), Duration.ofSeconds(6), 1, Duration.ofSeconds(2),
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    }

    static TicketSlip slip() {
        return new TicketSlip("Sở Giáo dục và Đào tạo — Bộ phận Một cửa", "Văn bằng, chứng chỉ", "A012",
                "Ưu tiên: Người cao tuổi", 7, 18, OffsetDateTime.parse("2026-11-23T09:41:00+07:00"), URL);
    }

    private static TicketPrinter printer(PrinterSettings s, PrinterMonitor monitor) {
        return new TicketPrinter(s, new TicketRenderer(s), new EscPosEncoder(), monitor, new PaperSensor());
    }

    /**
     * Opens the far end as a serial port too: jSerialComm puts it in raw mode, so no byte of the raster (0x11, 0x13,
     * 0x0D…) is taken for a terminal control character.
     */
    private static SerialPort host(Path hostEnd) throws IOException {
        SerialPort port = SerialPort.getCommPort(hostEnd.toRealPath().toString());
        port.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 10_000, 0);
        assertTrue(port.openPort(), "open " + hostEnd);
        return port;
    }

    /** Reads the host end until the whole job has arrived (or the line goes quiet for 10 s). */
    private static CompletableFuture<byte[]> capture(SerialPort host, int expectedLength) {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        CompletableFuture<byte[]> bytes = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (got.size() < expectedLength) {
                int n = host.readBytes(buf, buf.length);
                if (n <= 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            return got.toByteArray();
        }, reader);
        reader.shutdown();
        return bytes;
    }

    private static String zbar(Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("zbarimg", "--raw", "-q", png.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    private void printAndReadBack(int widthMm) throws Exception {
        Files.createDirectories(OUT);
        try (SocatPair pty = new SocatPair()) {
            PrinterSettings s = settings("serial", pty.agentPort(), widthMm, false);
            PrinterMonitor monitor = new PrinterMonitor(Clock.systemUTC(), new KioskEventBus(), new KioskHealth());
            TicketPrinter printer = printer(s, monitor);
            byte[] expected = printer.encode(slip());
            SerialPort host = host(pty.hostEnd());
            CompletableFuture<byte[]> captured = capture(host, expected.length);

            PrintOutcome outcome = printer.print(slip(), "A012");

            assertTrue(outcome.printed(), String.valueOf(outcome.problem()));
            byte[] bytes = captured.get(30, TimeUnit.SECONDS);
            assertArrayEquals(expected, bytes, "the far end received exactly the job");
            assertEquals(PrinterStatus.READY, monitor.current().status());

            Path png = OUT.resolve("serial-" + widthMm + "mm.png");
            ImageIO.write(RasterPreview.decode(bytes, s.dotsWide()), "png", png.toFile());
            assertEquals(URL, zbar(png), "the QR on the paper opens the ticket's status page");
            assertTrue(bytes.length < (widthMm == 80 ? 12_000 : 9_000), widthMm + " mm ticket is " + bytes.length + " bytes");
            printer.close();
            host.closePort();
        }
    }

    @Test
    void given80mmPrinterOnSerialPty_whenTicketPrinted_thenCapturedRasterDecodesAndZbarReadsTheQr() throws Exception {
        printAndReadBack(80);
    }

    @Test
    void given58mmPrinterOnSerialPty_whenTicketPrinted_thenCapturedRasterDecodesAndZbarReadsTheQr() throws Exception {
        printAndReadBack(58);
    }

    @Test
    void givenPrinterThatNeverAnswers_whenStatusQueried_thenOfflineAndTicketReportedUnprinted() throws Exception {
        try (SocatPair pty = new SocatPair()) {
            PrinterMonitor monitor = new PrinterMonitor(Clock.systemUTC(), new KioskEventBus(), new KioskHealth());
            TicketPrinter printer = printer(settings("serial", pty.agentPort(), 80, true), monitor);

            PrintOutcome outcome = printer.print(slip(), "A013");

            assertFalse(outcome.printed());
            assertEquals("offline", outcome.problem());
            assertEquals(PrinterStatus.OFFLINE, monitor.current().status());
            assertTrue(monitor.current().detail().contains("no answer"), monitor.current().detail());
            printer.close();
        }
    }

    @Test
    void givenPrinterAnsweringPaperEnd_whenStatusQueried_thenPaperOutAndNothingSent() throws Exception {
        try (SocatPair pty = new SocatPair()) {
            SerialPort host = host(pty.hostEnd());
            ExecutorService answering = Executors.newSingleThreadExecutor();
            CompletableFuture<byte[]> answered = CompletableFuture.supplyAsync(() -> answer(host), answering);
            PrinterMonitor monitor = new PrinterMonitor(Clock.systemUTC(), new KioskEventBus(), new KioskHealth());
            TicketPrinter printer = printer(settings("serial", pty.agentPort(), 80, true), monitor);

            PrintOutcome outcome = printer.print(slip(), "A014");

            assertFalse(outcome.printed());
            assertEquals("paper_out", outcome.problem());
            assertEquals(PrinterStatus.PAPER_OUT, monitor.current().status());
            printer.close();
            byte[] seen = answered.get(10, TimeUnit.SECONDS);
            answering.shutdown();
            host.closePort();
            assertArrayEquals(new byte[]{0x10, 0x04, 2}, Arrays.copyOf(seen, 3), "asked DLE EOT 2 first");
        }
    }

    /**
     * Plays a printer whose paper-end stop is set: DLE EOT 2 → 0x32 (bit 5), anything else → fixed bits only. The
     * port stays open until the test ends: closing it flushes the line, and on a busy machine that can take the
     * answer with it before socat has carried it across.
     */
    private static byte[] answer(SerialPort host) {
        byte[] request = new byte[3];
        int got = 0;
        while (got < 3) {
            int n = host.readBytes(request, 3 - got, got);
            if (n <= 0) {
                break;
            }
            got += n;
        }
        host.writeBytes(new byte[]{(byte) (request[2] == 2 ? 0x32 : 0x12)}, 1);
        return Arrays.copyOf(request, got);
    }
}
