package vn.motcua.agent.telemetry;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.counter.SignIns;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.printer.PrinterStatus;
import vn.motcua.agent.queue.TicketService;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.protocol.message.Telemetry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Takes one reading of the kiosk's health. A reading it cannot take is left null, never guessed. */
@Singleton
public class TelemetryCollector {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryCollector.class);
    private final TelemetrySettings settings;
    private final KioskSettings kiosk;
    private final Database db;
    private final Outbox outbox;
    private final TicketService tickets;
    private final PrinterMonitor printer;
    private final SiteConfigStore siteConfig;
    private final KioskHealth health;
    private final SignIns signIns;
    private final Clock clock;

    public TelemetryCollector(TelemetrySettings settings, KioskSettings kiosk, Database db, Outbox outbox,
                              TicketService tickets, PrinterMonitor printer, SiteConfigStore siteConfig,
                              KioskHealth health, SignIns signIns, Clock clock) {
        this.settings = settings;
        this.kiosk = kiosk;
        this.db = db;
        this.outbox = outbox;
        this.tickets = tickets;
        this.printer = printer;
        this.siteConfig = siteConfig;
        this.health = health;
        this.signIns = signIns;
        this.clock = clock;
    }

    public Telemetry read() {
        record Counts(Map<String, Integer> queues, long backlog, long lastAck) {
        }
        Counts counts = db.transaction(c -> new Counts(tickets.waitingToday(c), health.current().outboxBacklog(),
                outbox.lastAckSeq(c)));
        long[] memory = memory();
        long[] disk = disk();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Telemetry(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS), temperature(),
                load < 0 ? null : load, memory == null ? null : memory[0], memory == null ? null : memory[1],
                disk == null ? null : disk[0], disk == null ? null : disk[1], printerState(printer.current().status()),
                counts.queues(), counts.backlog(), counts.lastAck(), siteConfig.current().version(),
                signIns.signedInCounters());
    }

    /** The contract's printer vocabulary: ok, paper_low, paper_out, error, offline; null while unknown. */
    static String printerState(PrinterStatus status) {
        return switch (status) {
            case READY -> "ok";
            case PAPER_NEAR_END -> "paper_low";
            case PAPER_OUT -> "paper_out";
            case COVER_OPEN, ERROR -> "error";
            case OFFLINE -> "offline";
            case UNKNOWN -> null;
        };
    }

    private Double temperature() {
        Path zone = Path.of(settings.thermalZone());
        if (!Files.isReadable(zone)) {
            return null;
        }
        try {
            return Long.parseLong(Files.readString(zone).trim()) / 1000.0;
        } catch (IOException | NumberFormatException e) {
            LOG.debug("cannot read {}: {}", zone, e.toString());
            return null;
        }
    }

    /** Used and total bytes from /proc/meminfo (used = total - available). */
    private long[] memory() {
        Path meminfo = Path.of(settings.meminfo());
        if (!Files.isReadable(meminfo)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(meminfo);
            long total = kib(lines, "MemTotal:");
            long available = kib(lines, "MemAvailable:");
            return total <= 0 || available < 0 ? null : new long[]{(total - available) * 1024, total * 1024};
        } catch (IOException e) {
            return null;
        }
    }

    private static long kib(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The file system that holds the agent's database: that is the disk that must not fill up. */
    private long[] disk() {
        try {
            FileStore store = Files.getFileStore(db.file().getParent());
            long total = store.getTotalSpace();
            return total <= 0 ? null : new long[]{total - store.getUsableSpace(), total};
        } catch (IOException e) {
            return null;
        }
    }
}
