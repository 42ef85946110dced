package vn.motcua.central;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Mosquitto broker of the test's own, on a free port of 127.0.0.1: sessions and shared subscriptions of one
 * test cannot meet those of another test running against a shared broker at the same time.
 */
public final class Mosquitto implements AutoCloseable {
    private static final String BINARY = "/usr/sbin/mosquitto";
    private final int port = TestMqttClient.freePort();
    private final Path config;
    private final Path log;
    private Process process;

    /** Anonymous clients welcome. */
    public Mosquitto() {
        this("allow_anonymous true\n");
    }

    /** Logins required, as on a production broker: a Mosquitto password file and ACL file. */
    public Mosquitto(Path passwordFile, Path aclFile) {
        this("allow_anonymous false\npassword_file " + passwordFile + "\nacl_file " + aclFile + "\n");
    }

    private Mosquitto(String access) {
        try {
            Path dir = Files.createTempDirectory("central-mosquitto");
            config = dir.resolve("mosquitto.conf");
            log = dir.resolve("mosquitto.log");
            Files.writeString(config, "listener " + port + " 127.0.0.1\n" + access + "persistence false\n"
                    + "user root\nmax_queued_messages 10000\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Mosquitto start() {
        try {
            process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY + " (apt-get install mosquitto)", e);
        }
        await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10)).until(this::accepting);
        return this;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
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
    }
}
