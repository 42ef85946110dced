package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** central-sync as a separate JVM, from its runnable jar. */
final class CentralSync extends ManagedProcess {
    /** The read API (stats, kiosks, events) needs a session or this bearer token (CENTRAL_API_TOKEN). */
    static final String API_TOKEN = "system-test-read-token";
    final int httpPort;
    final Path signingPublicKey;
    private final Http http = new Http();

    private CentralSync(String name, int httpPort, Map<String, String> env, Path workDir) {
        super(name, command(), env, workDir);
        this.httpPort = httpPort;
        this.signingPublicKey = SystemLogins.signingPublicKey(workDir);
    }

    /** {@code -Dcentral.jvmArgs="..."} adds JVM options, e.g. a flight recording while a benchmark runs. */
    private static List<String> command() {
        List<String> command = new java.util.ArrayList<>(List.of(Jars.java(), "-Xmx512m"));
        String extra = System.getProperty("central.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", Jars.central()));
        return command;
    }

    /** With an external broker ({@code mqttUrl}) or, when null, its embedded HiveMQ on {@code embeddedMqttPort}. */
    static CentralSync create(String name, String mqttUrl, int embeddedMqttPort, String dbUrl, Path workDir) {
        int httpPort = Ports.free();
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(httpPort));
        env.put("DB_URL", dbUrl);
        env.put("DB_USER", "postgres");
        env.put("CENTRAL_INSTANCE_ID", name);
        env.put("CENTRAL_API_TOKEN", API_TOKEN);
        // one signing pair per work folder, made before anything starts: agents verify commands and acks with it
        env.putAll(SystemLogins.centralEnv(workDir));
        if (mqttUrl != null) {
            env.put("MQTT_URL", mqttUrl);
        } else {
            env.put("MQTT_PORT", String.valueOf(embeddedMqttPort));
        }
        return new CentralSync(name, httpPort, env, workDir);
    }

    String api(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Override
    void start() {
        super.start();
        await(getClass().getSimpleName() + " health").atMost(ManagedProcess.startTimeout())
                .until(() -> {
                    if (!isAlive()) {
                        throw new IllegalStateException("central-sync exited:\n" + logTail(40));
                    }
                    return http.tryGet(api("/api/health")).isPresent();
                });
    }

    JsonNode stats() {
        return http.tryGet(api("/api/stats"), API_TOKEN).orElseThrow();
    }

    java.util.Optional<JsonNode> tryGet(String path) {
        return http.tryGet(api(path), API_TOKEN);
    }
}
