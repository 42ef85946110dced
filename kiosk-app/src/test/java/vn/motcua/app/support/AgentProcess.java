package vn.motcua.app.support;

import org.awaitility.Awaitility;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real kiosk-agent: the runnable jar built by the reactor, on a free port, with its own SQLite file and printer
 * folder under {@code target/agents/<name>}. The MQTT broker address points at a closed port: the agent keeps
 * serving the screen offline, as it must.
 */
public final class AgentProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Path dir;
    private final Map<String, String> extraEnv = new java.util.HashMap<>();
    private Process process;

    public AgentProcess(String name) throws IOException {
        this.name = name;
        this.port = freePort();
        this.dir = Path.of("target", "agents", name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir.resolve("printed"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path printerFolder() {
        return dir.resolve("printed");
    }

    public Path dir() {
        return dir;
    }

    /** An environment variable for the agent (e.g. a real broker's MQTT_URL), set before {@link #start()}. */
    public AgentProcess env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    public AgentProcess start() throws IOException {
        String jar = System.getProperty("kiosk.agent.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("kiosk-agent jar not found at " + jar
                    + " (system property kiosk.agent.jar; build with: mvn -pl kiosk-app -am verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("AGENT_HTTP_PORT", String.valueOf(port));
        env.put("AGENT_DB", dir.resolve("agent.db").toString());
        env.put("KIOSK_SITE_ID", "test-site");
        env.put("KIOSK_ID", name);
        env.put("MQTT_URL", "tcp://127.0.0.1:" + freePort());
        env.put("AGENT_PRINTER_FOLDER", printerFolder().toString());
        env.remove("KIOSK_CONFIG");
        env.remove("KIOSK_SITE_CONFIG");
        env.put("KIOSK_COMMAND_KEY", throwawayCentralKey().toString());
        env.putAll(extraEnv);
        process = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("kiosk-agent " + name + " answering on " + url() + " (log: " + dir.resolve("agent.log") + ")")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("kiosk-agent exited with " + process.exitValue()
                                + "; see " + dir.resolve("agent.log"));
                    }
                    return http.send(HttpRequest.newBuilder(url().resolve("/api/status")).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
        return this;
    }

    /**
     * The agent will not start with sync on and no central public key; a test that does not play central gets the
     * public half of a key pair nobody keeps.
     */
    private Path throwawayCentralKey() throws IOException {
        try {
            java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path pub = dir.resolve("throwaway-central.pub");
            Files.writeString(pub, vn.motcua.protocol.sign.Signatures.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pub;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
