package vn.motcua.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Mosquitto broker of the test's own, on a port of 127.0.0.1 (a free one unless given): sessions and shared
 * subscriptions of one test cannot meet those of another test running at the same time. Stop and start it at will;
 * it keeps nothing across a restart.
 */
public final class Mosquitto implements AutoCloseable {
    private static final String BINARY = "/usr/sbin/mosquitto";
    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    /** Anonymous clients welcome. */
    public Mosquitto() {
        this(freePort());
    }

    /** Anonymous clients welcome, on this port (to restart a broker where its clients expect it). */
    public Mosquitto(int port) {
        this(port, "allow_anonymous true\n");
    }

    /** Logins required, as on a production broker: a Mosquitto password file and ACL file. */
    public Mosquitto(Path passwordFile, Path aclFile) {
        this(freePort(), "allow_anonymous false\npassword_file " + passwordFile + "\nacl_file " + aclFile + "\n");
    }

    private Mosquitto(int port, String access) {
        this.port = port;
        try {
            Path dir = Files.createTempDirectory("mosquitto-test");
            config = dir.resolve("mosquitto.conf");
            log = dir.resolve("mosquitto.log");
            Files.writeString(config, "listener " + port + " 127.0.0.1\n" + access + "persistence false\n"
                    + "user root\nmax_queued_messages 100000\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker and returns once it accepts connections; a broker that exits instead fails with its log. */
    public Mosquitto start() {
        try {
            process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY + " (apt-get install mosquitto)", e);
        }
        Process started = process;
        await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10))
                .until(() -> accepting() || !started.isAlive());
        if (!started.isAlive()) {
            process = null;
            throw new IllegalStateException("mosquitto on port " + port + " exited: " + log());
        }
        return this;
    }

    /** Stops the broker and returns once its port is free again. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        await("mosquitto released " + port).atMost(Duration.ofSeconds(10)).until(() -> !accepting());
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** What the broker has written to its log so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
