package vn.motcua.firmware.packaging.cds;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packages' programs started on this machine as their units start them: the kiosk-agent package's java-cds
 * launcher, the units' JVM options, the packaged jars.
 */
final class PackagedJvm {
    static final Path PACKAGING = Path.of("..").toAbsolutePath().normalize();
    static final String LAUNCHER = "usr/lib/kiosk-agent/java-cds";
    static final String AGENT_JAR = "usr/share/kiosk-agent/kiosk-agent.jar";

    private PackagedJvm() {
    }

    /** Both packages' files under {@code dir}, as dpkg would lay them out under /. */
    static Path unpack(Path dir, String... packages) throws IOException, InterruptedException {
        for (String name : packages) {
            Path deb;
            try (Stream<Path> files = Files.list(PACKAGING.resolve(name).resolve("target"))) {
                deb = files.filter(f -> f.getFileName().toString().matches(name + "_.*_all\\.deb")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no " + name + " package: build it first"));
            }
            Process p = new ProcessBuilder("dpkg-deb", "-x", deb.toString(), dir.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("dpkg-deb -x " + deb + " failed");
            }
        }
        return dir;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The launcher's command line: {@code sh java-cds CACHE JAVA ARGS...}, as the units have it. */
    static List<String> throughLauncher(Path pkg, Path cache, List<String> javaArgs) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", pkg.resolve(LAUNCHER).toString(), cache.toString(),
                java()));
        command.addAll(javaArgs);
        return command;
    }

    static List<String> plain(List<String> javaArgs) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(javaArgs);
        return command;
    }

    /** What stands between /usr/bin/java and -jar or -cp in a unit's ExecStart, less the Pi's JavaFX cache folder. */
    static List<String> unitJvmOptions(Path unit) throws IOException {
        String exec = Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst()
                .orElseThrow();
        List<String> words = List.of(exec.substring("ExecStart=".length()).trim().split("\\s+"));
        List<String> options = new ArrayList<>();
        for (String w : words.subList(words.indexOf("/usr/bin/java") + 1, words.size())) {
            if (w.equals("-jar") || w.equals("-cp")) {
                break;
            }
            if (!w.startsWith("-Djavafx.cachedir=")) {
                options.add(w);
            }
        }
        return options;
    }

    /** The agent on its own: simulated printer, no broker listening, a database and data folder in {@code data}. */
    static void agentEnvironment(Map<String, String> env, Path data, int httpPort) throws IOException {
        env.remove("KIOSK_CONFIG");
        env.remove("KIOSK_SITE_CONFIG");
        env.put("AGENT_HTTP_PORT", String.valueOf(httpPort));
        env.put("AGENT_LAN_PORT", String.valueOf(freePort()));
        env.put("AGENT_LAN_HOST", "127.0.0.1");
        env.put("KIOSK_SITE_ID", "cds-site");
        env.put("KIOSK_ID", "kiosk-01");
        env.put("MQTT_URL", "tcp://127.0.0.1:" + freePort());
        env.put("AGENT_DB", data.resolve("agent.db").toString());
        env.put("AGENT_PRINTER_KIND", "file");
        env.put("AGENT_PRINTER_FOLDER", Files.createDirectories(data.resolve("printed")).toString());
        env.put("KIOSK_COMMAND_KEY", throwawayCentralKey(data).toString());
    }

    /** The agent does not start with sync on and no central key: the public half of a pair nobody keeps. */
    private static Path throwawayCentralKey(Path data) throws IOException {
        Path pub = data.resolve("throwaway-central.pub");
        if (!Files.exists(pub)) {
            try {
                byte[] key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
                Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(key)
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return pub;
    }

    /** Polls the agent's local API until it answers 200; the time it took, or fails with the log's end. */
    static long awaitAgent(HttpClient http, Process agent, int port, Path log, long startNanos, Duration atMost)
            throws InterruptedException {
        URI status = URI.create("http://127.0.0.1:" + port + "/api/status");
        long end = startNanos + atMost.toNanos();
        while (true) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - startNanos) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!agent.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("the agent " + (agent.isAlive() ? "did not answer within " + atMost
                        : "exited with " + agent.exitValue()) + ":\n" + tail(log));
            }
            Thread.sleep(20);
        }
    }

    /** Stops a process as systemd does (SIGTERM) and waits for it: a JVM writes its dynamic archive on the way out. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("pid " + p.pid() + " did not stop within 60 s of SIGTERM");
        }
    }

    static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith("classes-")).sorted().toList();
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
