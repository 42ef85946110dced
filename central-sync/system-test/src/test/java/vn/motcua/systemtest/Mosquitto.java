package vn.motcua.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** A real Mosquitto of the test's own, on a free port, with persistence so that a restart keeps sessions. */
final class Mosquitto extends ManagedProcess {
    final int port;

    private Mosquitto(int port, Path config, Path logDir) {
        super("mosquitto", List.of(binary(), "-c", config.toString()), Map.of(), logDir);
        this.port = port;
    }

    static Mosquitto create(Path workDir) {
        return create(workDir, null, null);
    }

    /**
     * With a password file and an ACL file (as {@code firmware-config provision} writes their lines) the broker
     * refuses anonymous clients and holds every login to its ACL; with nulls it lets anyone in.
     */
    static Mosquitto create(Path workDir, Path passwordFile, Path aclFile) {
        int port = Ports.free();
        Path data = workDir.resolve("mosquitto");
        try {
            Files.createDirectories(data);
            Path config = data.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    passwordFile == null ? "allow_anonymous true" : "allow_anonymous false",
                    passwordFile == null ? "" : "password_file " + passwordFile,
                    aclFile == null ? "" : "acl_file " + aclFile,
                    // when started as root mosquitto would switch to its own user and lose access to this folder
                    "user " + System.getProperty("user.name"),
                    "persistence true",
                    "persistence_location " + data + "/",
                    "max_queued_messages 100000",
                    "max_inflight_messages 100",
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    ""));
            return new Mosquitto(port, config, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    void start() {
        super.start();
        await("mosquitto listening on " + port).atMost(ManagedProcess.startTimeout()).until(this::listening);
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("mosquitto is not installed: apt-get install mosquitto (bash .ci/run does)");
    }
}
