package vn.motcua.agent.watchdog;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.db.Database;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds systemd's watchdog ({@code WatchdogSec=} of kiosk-agent.service) for as long as the agent's database answers,
 * so that a hung agent is restarted. Inactive when systemd did not ask for it (no {@code WATCHDOG_USEC}).
 * <p>
 * The JVM cannot send on the datagram socket systemd listens on, so the keep-alives go through one long-lived
 * {@code socat} child; it stays in the service's cgroup, which is what {@code NotifyAccess=all} needs to accept it
 * (a short-lived {@code systemd-notify} per ping may exit before systemd has looked it up, and the ping is lost).
 */
@Context
public class SystemdWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdWatchdog.class);
    private static final byte[] PING = "WATCHDOG=1\n".getBytes(StandardCharsets.US_ASCII);

    private final Runnable probe;
    private final String address;
    private final long intervalMicros;
    private final ScheduledExecutorService timer;
    private Process socat;

    @Inject
    public SystemdWatchdog(Database db) {
        this(() -> db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        }), System.getenv());
    }

    /** @param probe returns normally when the agent is healthy; blocks or throws when it is not */
    SystemdWatchdog(Runnable probe, Map<String, String> env) {
        this.probe = probe;
        String socket = env.get("NOTIFY_SOCKET");
        long usec = parse(env.get("WATCHDOG_USEC"));
        String pid = env.get("WATCHDOG_PID");
        boolean forUs = pid == null || pid.equals(String.valueOf(ProcessHandle.current().pid()));
        if (socket == null || socket.isBlank() || usec <= 0 || !forUs) {
            address = null;
            intervalMicros = 0;
            timer = null;
            LOG.debug("systemd watchdog not requested");
            return;
        }
        address = socket.startsWith("@") ? "ABSTRACT-SENDTO:" + socket.substring(1) : "UNIX-SENDTO:" + socket;
        // Three keep-alives per period: one late or lost ping never triggers a restart.
        intervalMicros = Math.max(usec / 3, 1000);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "systemd-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, intervalMicros, TimeUnit.MICROSECONDS);
        LOG.info("systemd watchdog: keep-alive every {} ms to {}", intervalMicros / 1000, socket);
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean active() {
        return timer != null;
    }

    private void tick() {
        try {
            probe.run();
        } catch (RuntimeException e) {
            LOG.warn("systemd watchdog: health probe failed, keep-alive withheld: {}", e.getMessage());
            return;
        }
        try {
            if (socat == null || !socat.isAlive()) {
                socat = new ProcessBuilder("socat", "-u", "STDIN", address)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            }
            OutputStream in = socat.getOutputStream();
            in.write(PING);
            in.flush();
        } catch (IOException e) {
            LOG.warn("systemd watchdog: cannot send keep-alive through socat ({}): {}", address, e.getMessage());
            if (socat != null) {
                socat.destroy();
                socat = null;
            }
        }
    }

    @PreDestroy
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socat != null) {
            socat.destroy();
        }
    }
}
