package vn.motcua.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A process's wall clock, stepped while it runs: libfaketime (Debian {@code faketime}) is preloaded into the process
 * and re-reads the offset from a file of its own at most once a second. Only the wall clock moves: the monotonic
 * clock (time-outs, Paho's keep-alive) runs on, as on a kiosk whose NTP steps the time.
 */
final class FakeClock {
    private static final List<String> LIBRARIES = List.of(
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/faketime/libfaketime.so.1");
    /** How long after a step every clock read of the process sees it (libfaketime's cache is one second). */
    static final long SETTLE_MILLIS = 1_300;

    private final Path file;
    private long offsetSeconds;

    FakeClock(Path file) {
        this.file = file;
        write(0);
    }

    /** The environment that makes a process read its wall clock through this file. */
    Map<String, String> environment() {
        return Map.of("LD_PRELOAD", library(),
                "FAKETIME_TIMESTAMP_FILE", file.toString(),
                "FAKETIME_CACHE_DURATION", "1",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                // libfaketime's default "monotonic fix" makes the JVM's timed waits return at once, so every
                // thread pool spins and a Micronaut process takes a minute to start; wall-clock steps work without it
                "FAKETIME_FORCE_MONOTONIC_FIX", "0",
                // file times stay real: SQLite and the log see the disk as it is
                "NO_FAKE_STAT", "1");
    }

    long offsetSeconds() {
        return offsetSeconds;
    }

    /** Steps the clock to {@code seconds} from real time (forward or back) and waits until the process sees it. */
    void setOffset(long seconds) throws InterruptedException {
        write(seconds);
        Thread.sleep(SETTLE_MILLIS);
    }

    private void write(long seconds) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, (seconds >= 0 ? "+" : "") + seconds + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            offsetSeconds = seconds;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fake clock " + file, e);
        }
    }

    static String library() {
        for (String candidate : LIBRARIES) {
            if (Files.isReadable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("libfaketime is not installed (looked for " + LIBRARIES
                + "): apt-get install faketime (bash .ci/run does); the chaos test steps the agents' clocks with it");
    }
}
