package vn.motcua.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child process of the test (broker, central-sync, kiosk-agent) that can be stopped, killed and started again. */
class ManagedProcess implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ManagedProcess(String name, List<String> command, Map<String, String> env, Path logDir) {
        this.name = name;
        this.command = command;
        this.env = env;
        this.log = logDir.resolve(name + ".log");
    }

    /** Sets an environment variable for the next start (e.g. shorter time-outs, the first admin). */
    synchronized void putEnv(String key, String value) {
        env.put(key, value);
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.writeString(log, "---- start " + name + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** SIGTERM and wait: a clean shutdown. */
    synchronized void stop() {
        end(false);
    }

    /** SIGKILL: no shutdown hook runs, as on a power cut. */
    synchronized void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return log;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** 90 s; {@code -Dsystemtest.startSeconds=N} for a machine busy with other work. */
    static Duration startTimeout() {
        return Duration.ofSeconds(Long.getLong("systemtest.startSeconds", 90));
    }

    @Override
    public void close() {
        stop();
    }
}
