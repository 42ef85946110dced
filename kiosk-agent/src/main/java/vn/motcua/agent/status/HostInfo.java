package vn.motcua.agent.status;

import jakarta.inject.Singleton;
import vn.motcua.agent.config.KioskSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What every event says about the machine, so central can correct wall times taken before the first time sync:
 * whether the clock is synchronised, the boot id and the monotonic uptime.
 */
@Singleton
public class HostInfo {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Path UPTIME = Path.of("/proc/uptime");

    private final Path clockSyncedMarker;
    private final String bootId;
    private final long uptimeAtStartMs;
    private final long startNanos;
    private final String version;

    public HostInfo(KioskSettings kiosk) {
        clockSyncedMarker = Path.of(kiosk.clockSyncedMarker());
        bootId = readBootId();
        startNanos = System.nanoTime();
        uptimeAtStartMs = readUptimeMs();
        version = kiosk.version() != null ? kiosk.version() : AgentVersion.current();
    }

    public boolean clockSynced() {
        return Files.exists(clockSyncedMarker);
    }

    public String bootId() {
        return bootId;
    }

    /** Milliseconds since the machine booted (since the JVM started where /proc/uptime is not readable). */
    public long uptimeMs() {
        return uptimeAtStartMs + (System.nanoTime() - startNanos) / 1_000_000;
    }

    public String version() {
        return version;
    }

    private static String readBootId() {
        try {
            String id = Files.readString(BOOT_ID).strip();
            if (!id.isEmpty() && id.length() <= 64) {
                return id;
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or hidden: a random id still tells central that this process's uptimes belong together
        }
        return UUID.randomUUID().toString();
    }

    private static long readUptimeMs() {
        try {
            String first = Files.readString(UPTIME).strip().split("\\s+")[0];
            return (long) (Double.parseDouble(first) * 1000);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getRuntimeMXBean().getUptime();
        }
    }
}
