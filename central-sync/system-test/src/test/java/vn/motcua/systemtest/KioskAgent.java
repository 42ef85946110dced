package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** One kiosk-agent as a separate JVM with its own SQLite file; restarts keep the file. */
final class KioskAgent extends ManagedProcess {
    final String siteId;
    final String kioskId;
    final int httpPort;
    final Path database;
    private final Http http = new Http();

    private KioskAgent(String name, String siteId, String kioskId, int httpPort, Path database,
                       Map<String, String> env, Path workDir) {
        super(name, List.of(Jars.java(), "-Xmx256m", "-jar", Jars.agent()), env, workDir);
        this.siteId = siteId;
        this.kioskId = kioskId;
        this.httpPort = httpPort;
        this.database = database;
    }

    static KioskAgent create(String siteId, String kioskId, String mqttUrl, Path workDir) {
        return create(siteId, kioskId, mqttUrl, workDir, Map.of());
    }

    static KioskAgent create(String siteId, String kioskId, String mqttUrl, Path workDir, Map<String, String> extra) {
        return create(kioskId, siteId, kioskId, mqttUrl, workDir, extra);
    }

    /**
     * @param name names the process, its log, database and printer folder: two sites may both have a
     *             {@code kiosk-01} on one test machine
     */
    static KioskAgent create(String name, String siteId, String kioskId, String mqttUrl, Path workDir,
                             Map<String, String> extra) {
        int httpPort = Ports.free();
        Path db = workDir.resolve(name + ".db");
        Map<String, String> env = new HashMap<>();
        env.put("KIOSK_SITE_ID", siteId);
        env.put("KIOSK_ID", kioskId);
        env.put("MQTT_URL", mqttUrl);
        env.put("AGENT_HTTP_PORT", String.valueOf(httpPort));
        env.put("AGENT_DB", db.toString());
        // several agents on one machine: the counter pages on a free port each, tickets "printed" to files
        env.put("AGENT_LAN_PORT", "0");
        env.put("AGENT_PRINTER_FOLDER", workDir.resolve(name + "-printed").toString());
        env.putAll(Jars.agentTestTimings());
        env.putAll(SystemLogins.agentEnv(workDir, siteId, kioskId));
        env.putAll(extra);
        return new KioskAgent(name, siteId, kioskId, httpPort, db, env, workDir);
    }

    String api(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Override
    void start() {
        super.start();
        await(kioskId + " API").atMost(ManagedProcess.startTimeout()).until(() -> {
            if (!isAlive()) {
                throw new IllegalStateException(kioskId + " exited:\n" + logTail(40));
            }
            return http.tryGet(api("/api/status")).isPresent();
        });
    }

    Optional<JsonNode> status() {
        return http.tryGet(api("/api/status"));
    }
}
