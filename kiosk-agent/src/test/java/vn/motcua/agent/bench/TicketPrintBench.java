package vn.motcua.agent.bench;

import com.fazecast.jSerialComm.SerialPort;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.printer.EscPosEncoder;
import vn.motcua.agent.printer.PaperSensor;
import vn.motcua.agent.printer.PrintOutcome;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.printer.PrinterSettings;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.printer.TicketRenderer;
import vn.motcua.agent.printer.TicketSlip;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.agent.support.SocatPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ticket size and tap-to-last-byte time over a socat pty through jSerialComm ({@code mvn -Pbench verify
 * -Dtest=TicketPrintBench}). A pty does not pace bytes at the baud rate, so the measured time is the software's
 * share; on a real 115200 baud line the wire adds bytes × 10 / 115200 s. Figures go to target/bench/print.txt.
 */
class TicketPrintBench {
    private static final int RUNS = 40;

    private static PrinterSettings settings(String port, int mm) {
        return new PrinterSettings("serial", "target/bench", port, 115200, "/dev/usb/lp0", mm, false, false,
                Duration.ofSeconds(5), Duration.ofSeconds(1), 0, Duration.ofSeconds(2),
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    }

    private static TicketSlip slip(int n) {
        return new TicketSlip("Sở Giáo dục và Đào tạo — Bộ phận Một cửa", "Văn bằng, chứng chỉ",
                String.format("A%03d", n), null, n % 20, n % 20 * 3, OffsetDateTime.parse("2026-11-23T09:41:00+07:00"),
                "http://192.168.1.20:8090/t/5f0c7a0e-3d1b-4c7e-9a55-0b8f3f6f" + String.format("%04d", n));
    }

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder();
        for (int mm : new int[]{58, 80}) {
            try (SocatPair pty = new SocatPair()) {
                PrinterSettings s = settings(pty.agentPort(), mm);
                TicketPrinter printer = new TicketPrinter(s, new TicketRenderer(s), new EscPosEncoder(),
                        new PrinterMonitor(Clock.systemUTC(), new KioskEventBus(), new KioskHealth()), new PaperSensor());
                SerialPort host = SerialPort.getCommPort(pty.hostEnd().toRealPath().toString());
                host.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 10_000, 0);
                assertTrue(host.openPort());
                List<Long> micros = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                for (int i = 0; i < RUNS + 10; i++) {
                    TicketSlip slip = slip(i + 1);
                    int length = printer.encode(slip).length;
                    CompletableFuture<Long> lastByte = CompletableFuture.supplyAsync(() -> {
                        byte[] buf = new byte[8192];
                        int got = 0;
                        while (got < length) {
                            int n = host.readBytes(buf, buf.length);
                            if (n <= 0) {
                                return -1L;
                            }
                            got += n;
                        }
                        return System.nanoTime();
                    });
                    long tap = System.nanoTime();
                    PrintOutcome outcome = printer.print(slip, "bench");
                    long end = lastByte.get(30, TimeUnit.SECONDS);
                    assertTrue(outcome.printed() && end > 0);
                    if (i >= 10) {
                        micros.add((end - tap) / 1000);
                        sizes.add(length);
                    }
                }
                host.closePort();
                printer.close();
                Collections.sort(micros);
                Collections.sort(sizes);
                int median = sizes.get(sizes.size() / 2);
                double wireMs = median * 10.0 / 115200 * 1000;
                report.append(String.format("%d mm: ticket %d-%d bytes (median %d); tap-to-last-byte over pty "
                                + "p50 %.1f ms, p95 %.1f ms (software, incl. render + encode); wire floor at 115200 baud "
                                + "%.0f ms; expected on a real line ≈ %.0f ms%n", mm, sizes.get(0),
                        sizes.get(sizes.size() - 1), median, micros.get(micros.size() / 2) / 1000.0,
                        micros.get(micros.size() * 95 / 100) / 1000.0, wireMs,
                        wireMs + micros.get(micros.size() / 2) / 1000.0));
            }
        }
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "print.txt"), report);
        System.out.print(report);
    }
}
