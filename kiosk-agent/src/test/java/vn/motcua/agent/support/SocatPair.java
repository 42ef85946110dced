package vn.motcua.agent.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real pseudo-terminal pair from {@code socat}: the agent opens one end as its printer's serial port, the test
 * reads (and answers) on the other. Stopped by the process handle it started, never by name.
 */
public final class SocatPair implements AutoCloseable {
    private final Process process;
    private final Path printerEnd;
    private final Path hostEnd;

    public SocatPair() {
        try {
            Path dir = Files.createTempDirectory("socat");
            printerEnd = dir.resolve("printer");
            hostEnd = dir.resolve("host");
            process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + printerEnd,
                    "pty,raw,echo=0,link=" + hostEnd)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("socat must be installed (Debian package socat)", e);
        }
        await().until(() -> Files.exists(printerEnd) && Files.exists(hostEnd) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("socat exited with " + process.exitValue());
        }
    }

    /** The end the agent writes to, resolved to its /dev/pts device. */
    public String agentPort() {
        try {
            return printerEnd.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path hostEnd() {
        return hostEnd;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
