package vn.motcua.agent.printer;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Prints tickets, one job at a time, and keeps {@link PrinterMonitor} told what the printer can do. A job is not
 * sent when a sensor already says the paper is out; a failed write is retried, then reported. The caller's ticket
 * exists either way: this class only decides whether it came out on paper.
 */
@Singleton
public class TicketPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(TicketPrinter.class);

    private final PrinterSettings settings;
    private final TicketRenderer renderer;
    private final EscPosEncoder encoder;
    private final PrinterMonitor monitor;
    private final PaperSensor sensor;
    private final PrinterLink link;
    /** READY after a job went out, the fault after one failed; UNKNOWN before the first job. */
    private final AtomicReference<PrinterStatus> lastJob = new AtomicReference<>(PrinterStatus.UNKNOWN);
    private final AtomicReference<String> lastFault = new AtomicReference<>();

    public TicketPrinter(PrinterSettings settings, TicketRenderer renderer, EscPosEncoder encoder,
                         PrinterMonitor monitor, PaperSensor sensor) {
        this.settings = settings;
        this.renderer = renderer;
        this.encoder = encoder;
        this.monitor = monitor;
        this.sensor = sensor;
        this.link = switch (settings.kind()) {
            case "file" -> new FilePrinterLink(Path.of(settings.folder()), settings.dotsWide());
            case "serial" -> new SerialPrinterLink(settings.serialPort(), settings.baudRate(), settings.rtsCts(),
                    settings.writeTimeout(),
                    settings.replyTimeout());
            case "device" -> new DevicePrinterLink(Path.of(settings.device()));
            default -> null;
        };
        LOG.info("ticket printer: {} ({} mm paper)", describe(), settings.paperWidthMm());
    }

    public String describe() {
        return link == null ? "none (tickets shown as QR on screen)" : link.describe();
    }

    /** The ESC/POS job for a ticket, without printing it. */
    public byte[] encode(TicketSlip slip) {
        return encoder.encode(renderer.render(slip, settings.dotsWide()));
    }

    public PrintOutcome print(TicketSlip slip, String jobName) {
        return send(() -> encode(slip), jobName);
    }

    public PrintOutcome printTest(String siteName, String when) {
        return send(() -> encoder.encode(renderer.renderTest(siteName, describe(), settings.dotsWide(), when)),
                "test-" + System.currentTimeMillis());
    }

    public PrintOutcome printGuide(String siteName, vn.motcua.protocol.message.SiteConfig.Procedure procedure,
                                   String when) {
        return send(() -> encoder.encode(renderer.renderGuide(siteName, procedure, settings.dotsWide(), when)),
                "guide-" + System.currentTimeMillis());
    }

    private synchronized PrintOutcome send(Supplier<byte[]> job, String jobName) {
        if (link == null) {
            monitor.report(PrinterStatus.OFFLINE, "no ticket printer configured (agent.printer.kind=none)");
            return PrintOutcome.failed(PrinterStatus.OFFLINE);
        }
        long start = System.nanoTime();
        PrinterStatus before = refresh();
        if (before.blocksPrinting()) {
            LOG.warn("{}: {} — ticket {} shown as QR", link.describe(), before.wireName(), jobName);
            return PrintOutcome.failed(before);
        }
        byte[] bytes = job.get();
        PrinterFault fault = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            try {
                link.send(bytes, jobName);
                lastJob.set(PrinterStatus.READY);
                lastFault.set(null);
                refresh();
                return new PrintOutcome(true, null, bytes.length, (System.nanoTime() - start) / 1_000_000);
            } catch (PrinterFault f) {
                fault = f;
                if (f.status() == PrinterStatus.PAPER_OUT || f.status() == PrinterStatus.COVER_OPEN) {
                    break;
                }
            }
        }
        LOG.warn("{} — ticket {} shown as QR", fault.getMessage(), jobName);
        lastJob.set(fault.status().blocksPrinting() ? fault.status() : PrinterStatus.ERROR);
        lastFault.set(fault.getMessage());
        refresh();
        return PrintOutcome.failed(lastJob.get());
    }

    /** Reads the sensors now and reports to the monitor; returns what blocks the next job, if anything. */
    @Scheduled(fixedDelay = "${agent.printer.poll-interval:2s}", initialDelay = "0s")
    public synchronized PrinterStatus refresh() {
        if (link == null) {
            monitor.report(PrinterStatus.OFFLINE, "no ticket printer configured (agent.printer.kind=none)");
            return PrinterStatus.OFFLINE;
        }
        PrinterStatus queried;
        String detail = null;
        if (settings.kind().equals("serial") && !settings.statusQuery()) {
            queried = PrinterStatus.UNKNOWN;
        } else {
            try {
                queried = link.query();
            } catch (PrinterFault f) {
                queried = f.status();
                detail = f.getMessage();
            }
        }
        PrinterStatus fromSensors = worst(queried, sensor.reading());
        boolean paperLoadedSinceFailure = lastJob.get() == PrinterStatus.PAPER_OUT
                && (fromSensors == PrinterStatus.READY || fromSensors == PrinterStatus.PAPER_NEAR_END);
        if (paperLoadedSinceFailure) {
            lastJob.set(PrinterStatus.UNKNOWN);
        }
        PrinterStatus shown = worst(fromSensors, lastJob.get());
        if (detail == null) {
            detail = detail(shown);
        }
        monitor.report(shown, detail);
        return fromSensors;
    }

    private String detail(PrinterStatus s) {
        return switch (s) {
            case READY, UNKNOWN -> null;
            case PAPER_NEAR_END -> link.describe() + ": paper nearly out — load a new roll soon";
            case PAPER_OUT -> link.describe() + ": out of paper — showing tickets as QR";
            case COVER_OPEN -> link.describe() + ": cover open — close it";
            case ERROR, OFFLINE -> lastFault.get() != null ? lastFault.get() : link.describe() + ": " + s.wireName();
        };
    }

    /** The reading that matters most; UNKNOWN only when nothing is known. */
    static PrinterStatus worst(PrinterStatus a, PrinterStatus b) {
        if (a == PrinterStatus.UNKNOWN) {
            return b;
        }
        if (b == PrinterStatus.UNKNOWN) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    public PrinterSettings settings() {
        return settings;
    }

    @PreDestroy
    public void close() {
        if (link != null) {
            link.close();
        }
    }
}
