package vn.motcua.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the runnable jars are (set by the pom) and the timings the agents run with in these tests. */
final class Jars {
    private Jars() {
    }

    static String central() {
        return existing("central.jar");
    }

    static String agent() {
        return existing("agent.jar");
    }

    /** The firmware-config command, which provisions the kiosks' broker logins. */
    static String firmwareConfig() {
        return existing("firmware.jar");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Shrunk so that a lost ack is noticed in seconds, not in production's tens of seconds. */
    static Map<String, String> agentTestTimings() {
        return Map.of(
                "AGENT_SYNC_ACK_TIMEOUT", "3s",
                "AGENT_SYNC_RECONNECT_MAX_DELAY", "3s",
                "AGENT_SYNC_KEEP_ALIVE", "5s");
    }

    private static String existing(String property) {
        String path = System.getProperty(property);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(property + " '" + path
                    + "' does not exist: build the runnable jars first (mvn package from the repository root)");
        }
        return path;
    }
}
