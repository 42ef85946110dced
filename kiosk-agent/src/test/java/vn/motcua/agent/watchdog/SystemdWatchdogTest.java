package vn.motcua.agent.watchdog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A socat datagram receiver plays systemd's notify socket. */
class SystemdWatchdogTest {
    private Process receiver;

    @AfterEach
    void stopReceiver() throws InterruptedException {
        if (receiver != null) {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path startReceiver(Path dir) throws Exception {
        Path socket = dir.resolve("notify");
        Path received = dir.resolve("received");
        receiver = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + socket, "STDOUT")
                .redirectOutput(received.toFile()).redirectErrorStream(false).start();
        await("notify socket bound").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
        return socket;
    }

    private static long pings(Path dir) throws Exception {
        String text = Files.readString(dir.resolve("received"), StandardCharsets.US_ASCII);
        return text.lines().filter("WATCHDOG=1"::equals).count();
    }

    @Test
    void givenSystemdAsksForWatchdog_whenAgentIsHealthy_thenKeepAlivesArrive(@TempDir Path dir) throws Exception {
        Path socket = startReceiver(dir);
        try (SystemdWatchdog watchdog = new SystemdWatchdog(() -> { },
                Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "300000"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(dir) >= 3);
        }
    }

    @Test
    void givenHungAgent_whenProbeBlocks_thenKeepAlivesStop(@TempDir Path dir) throws Exception {
        Path socket = startReceiver(dir);
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SystemdWatchdog watchdog = new SystemdWatchdog(() -> {
            if (hung.getCount() == 0) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "300000"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(dir) >= 2);
            hung.countDown();
            blocked.await(10, TimeUnit.SECONDS);
            AtomicLong last = new AtomicLong(-1);
            // the keep-alive sent just before the probe blocked may still be on its way through socat
            await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> last.getAndSet(pings(dir)) == pings(dir));
            long before = pings(dir);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> pings(dir) == before);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(dir) > before);
        }
    }

    @Test
    void givenProbeFails_whenTicking_thenNoKeepAliveIsSent(@TempDir Path dir) throws Exception {
        Path socket = startReceiver(dir);
        try (SystemdWatchdog watchdog = new SystemdWatchdog(() -> {
            throw new IllegalStateException("database locked");
        }, Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "150000"))) {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> pings(dir) == 0);
        }
    }

    @Test
    void givenNoWatchdogRequested_whenCreated_thenInactive() {
        try (SystemdWatchdog none = new SystemdWatchdog(() -> { }, Map.of());
             SystemdWatchdog otherPid = new SystemdWatchdog(() -> { },
                     Map.of("NOTIFY_SOCKET", "/run/x", "WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "1"))) {
            assertFalse(none.active());
            assertFalse(otherPid.active());
        }
    }
}
