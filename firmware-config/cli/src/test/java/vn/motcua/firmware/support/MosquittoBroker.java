package vn.motcua.firmware.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A real Mosquitto of the test's own on a free port of 127.0.0.1, with the given password and ACL files. */
public final class MosquittoBroker implements AutoCloseable {
    private static final String BINARY = "/usr/sbin/mosquitto";
    private final int port;
    private final Path log;
    private final Process process;

    public MosquittoBroker(Path dir, Path passwordFile, Path aclFile) throws IOException {
        port = freePort();
        Path config = dir.resolve("mosquitto.conf");
        log = dir.resolve("mosquitto.log");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous false\npersistence false\n"
                + "password_file " + passwordFile + "\nacl_file " + aclFile + "\nuser root\n");
        process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10))
                .until(() -> accepting() || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
