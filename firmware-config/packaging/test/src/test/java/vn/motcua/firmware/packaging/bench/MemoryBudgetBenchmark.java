package vn.motcua.firmware.packaging.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Figures, not a test ({@code mvn -B -Pbench -pl firmware-config/packaging/test -am verify}): the resident size of
 * kiosk-agent and kiosk-app started on this machine with the JVM options of the packaged units (the same jars,
 * JavaFX's x86 build instead of the Pi's), idle and after 1,000 tickets and 1,000 screen round trips, and the bytes
 * the agent writes to its disk per ticket ({@code /proc/PID/io write_bytes}: database, WAL, checkpoints).
 *
 * <p>{@code -Dbench.agentJvm="..."} / {@code -Dbench.appJvm="..."} replace the units' JVM options, to compare.
 * The agent prints to files on a RAM disk, so that only the database reaches the disk.
 */
class MemoryBudgetBenchmark {
    private static final Path PACKAGING = Path.of("..").toAbsolutePath().normalize();
    private static final int TICKETS = Integer.getInteger("bench.tickets", 1000);
    private static final int ROUND_TRIPS = Integer.getInteger("bench.roundTrips", 1000);
    private static final String TOKEN = "bench-read-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void agentAndScreenAfterAThousandTicketsAndRoundTrips(@TempDir Path work) throws Exception {
        Path pkg = work.resolve("pkg");
        for (String name : List.of("kiosk-agent", "kiosk-app")) {
            assertEquals(0, run("dpkg-deb", "-x", deb(name).toString(), pkg.toString()));
        }
        List<String> agentJvm = jvmOptions(pkg.resolve("lib/systemd/system/kiosk-agent.service"), "bench.agentJvm");
        List<String> appJvm = jvmOptions(pkg.resolve("lib/systemd/system/kiosk-app.service"), "bench.appJvm");
        Map<String, String> agentEnv = mallocEnvironment(pkg.resolve("lib/systemd/system/kiosk-agent.service"));
        Map<String, String> appEnv = mallocEnvironment(pkg.resolve("lib/systemd/system/kiosk-app.service"));
        print("agent JVM options: %s %s", agentJvm, agentEnv);
        print("screen JVM options: %s %s", appJvm, appEnv);

        // central-sync with its embedded broker acknowledges the agent's events, as in service
        Path provisioned = work.resolve("provisioned");
        assertEquals(0, run(java(), "-jar", System.getProperty("firmware.jar"), "provision", "--site", "bench-site",
                "--kiosk", "kiosk-01", "--out", provisioned.toString(), "--central-keys", work.resolve("keys").toString()));
        int mqttPort = freePort();
        Path centralDir = Files.createDirectories(work.resolve("central"));
        ProcessBuilder central = new ProcessBuilder(java(), "-Xmx384m", "-jar", System.getProperty("central.jar"))
                .directory(centralDir.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("central.log").toFile());
        central.environment().put("HTTP_PORT", String.valueOf(freePort()));
        central.environment().put("MQTT_PORT", String.valueOf(mqttPort));
        central.environment().put("MQTT_KIOSK_PASSWORD_FILE", provisioned.resolve("broker/mosquitto.passwd").toString());
        central.environment().put("CENTRAL_SIGNING_KEY", work.resolve("keys/command-signing.key").toString());
        central.environment().put("CENTRAL_API_TOKEN", TOKEN);
        central.environment().remove("MQTT_URL");
        started.add(central.start());

        int agentPort = freePort();
        Path data = Files.createDirectories(work.resolve("agent-data"));
        Path printed = Files.createDirectories(Path.of("/dev/shm").resolve("bench-printed-" + UUID.randomUUID()));
        List<String> agentCmd = new ArrayList<>(List.of(java()));
        agentCmd.addAll(agentJvm);
        agentCmd.addAll(List.of("-jar", pkg.resolve("usr/share/kiosk-agent/kiosk-agent.jar").toString()));
        ProcessBuilder agentPb = new ProcessBuilder(agentCmd).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.log").toFile());
        Map<String, String> env = agentPb.environment();
        env.putAll(agentEnv);
        env.put("AGENT_HTTP_PORT", String.valueOf(agentPort));
        env.put("AGENT_LAN_PORT", String.valueOf(freePort()));
        env.put("AGENT_LAN_HOST", "127.0.0.1");
        env.put("KIOSK_SITE_ID", "bench-site");
        env.put("KIOSK_ID", "kiosk-01");
        env.put("MQTT_URL", "tcp://127.0.0.1:" + mqttPort);
        env.put("MQTT_USERNAME", "bench-site.kiosk-01");
        env.put("MQTT_PASSWORD", Files.readString(provisioned.resolve("kiosk/mqtt-password")).strip());
        env.put("KIOSK_COMMAND_KEY", provisioned.resolve("kiosk/command-signing.pub").toString());
        env.put("AGENT_DB", data.resolve("agent.db").toString());
        env.put("AGENT_PRINTER_KIND", "file");
        env.put("AGENT_PRINTER_FOLDER", printed.toString());
        Process agent = agentPb.start();
        started.add(agent);
        String agentUrl = "http://127.0.0.1:" + agentPort;
        long t0 = System.nanoTime();
        await("agent", Duration.ofMinutes(3), agent, work.resolve("agent.log"),
                () -> get(agentUrl + "/api/status").map(s -> s.contains("\"connected\":true")).orElse(false));
        print("agent ready and connected in %d ms", (System.nanoTime() - t0) / 1_000_000);
        Thread.sleep(15_000);
        long agentIdle = rssKb(agent.pid());
        long written0 = writeBytes(agent.pid());

        long t1 = System.nanoTime();
        for (int i = 0; i < TICKETS; i++) {
            post(agentUrl + "/api/tickets", "{\"service\":\"" + (i % 2 == 0 ? "A" : "B") + "\"}");
        }
        double ticketMs = (System.nanoTime() - t1) / 1e6 / TICKETS;
        await("central's acks", Duration.ofMinutes(3), agent, work.resolve("agent.log"),
                () -> get(agentUrl + "/api/status").map(s -> number(s, "outboxBacklog") == 0).orElse(false));
        Thread.sleep(5_000);
        long agentLoaded = rssKb(agent.pid());
        long written = writeBytes(agent.pid()) - written0;
        print("agent RSS idle %d MB, after %d tickets %d MB (%.1f ms per ticket on this machine)", agentIdle / 1024,
                TICKETS, agentLoaded / 1024, ticketMs);
        print("agent disk writes: %d bytes for %d tickets = %.0f bytes per ticket; at 300 tickets a day %.2f GB a year",
                written, TICKETS, (double) written / TICKETS, written / (double) TICKETS * 300 * 365 / 1e9);

        // the screen, on an X display of its own, clicked through Home -> Procedures -> Home and Home -> Rating -> Home
        int display = 90 + (int) (ProcessHandle.current().pid() % 100);
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1024x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
        started.add(xvfb);
        await("Xvfb", Duration.ofSeconds(30), xvfb, work.resolve("xvfb.log"),
                () -> Files.exists(Path.of("/tmp/.X11-unix/X" + display)));
        List<String> appCmd = new ArrayList<>(List.of(java()));
        appCmd.addAll(appJvm);
        appCmd.addAll(List.of("-Dkiosk.printFirstFrame=true", "-cp", pkg.resolve("usr/share/kiosk-app/lib") + "/*:"
                + javafxX86(), "vn.motcua.app.Launcher"));
        ProcessBuilder appPb = new ProcessBuilder(appCmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile());
        appPb.environment().putAll(appEnv);
        appPb.environment().put("DISPLAY", ":" + display);
        appPb.environment().put("AGENT_HTTP_PORT", String.valueOf(agentPort));
        appPb.environment().put("KIOSK_IDLE_TIMEOUT_SECONDS", "600");
        Process app = appPb.start();
        started.add(app);
        await("screen", Duration.ofMinutes(3), app, work.resolve("app.log"),
                () -> read(work.resolve("app.log")).contains("HOME_READY_MS="));
        print("screen: %s", read(work.resolve("app.log")).lines().filter(l -> l.contains("_MS=")).toList());
        Thread.sleep(10_000);
        long appIdle = rssKb(app.pid());
        long t2 = System.nanoTime();
        for (int done = 0; done < ROUND_TRIPS; done += 50) {
            List<String> clicks = new ArrayList<>(List.of("env", "DISPLAY=:" + display, "xdotool"));
            for (int k = 0; k < 50; k += 2) {
                clicks.addAll(taps(TO_PROCEDURE_AND_BACK));
                clicks.addAll(taps(TO_RATING_AND_BACK));
            }
            assertEquals(0, run(clicks.toArray(String[]::new)));
        }
        Thread.sleep(5_000);
        long appLoaded = rssKb(app.pid());
        print("screen RSS idle %d MB, after %d round trips %d MB (%.0f ms per round trip with its clicks)",
                appIdle / 1024, ROUND_TRIPS, appLoaded / 1024, (System.nanoTime() - t2) / 1e6 / ROUND_TRIPS);
        long agentAfter = rssKb(agent.pid());
        print("BUDGET agent %d MB + screen %d MB = %d MB resident (budget 450 MB)", agentAfter / 1024,
                appLoaded / 1024, (agentAfter + appLoaded) / 1024);
        assertTrue(app.isAlive() && agent.isAlive());
        run("rm", "-rf", printed.toString());
    }

    /** Taps on the 1024x600 full-screen window: Home's first tile, the first procedure, the top bar's Home button. */
    private static final int[][] TO_PROCEDURE_AND_BACK = {{170, 400}, {500, 402}, {715, 36}};
    /** Home's third tile (rating) and back. The middle tile, which takes a ticket, is never tapped. */
    private static final int[][] TO_RATING_AND_BACK = {{850, 400}, {715, 36}};

    private static List<String> taps(int[][] points) {
        List<String> words = new ArrayList<>();
        for (int[] p : points) {
            words.addAll(List.of("mousemove", String.valueOf(p[0]), String.valueOf(p[1]), "click", "1", "sleep",
                    System.getProperty("bench.tapPause", "0.12")));
        }
        return words;
    }

    /** The unit's glibc allocator settings (Environment=MALLOC_...), or those of -Dbench.env="K=V ...". */
    private static Map<String, String> mallocEnvironment(Path unit) throws IOException {
        Map<String, String> env = new java.util.TreeMap<>();
        String replaced = System.getProperty("bench.env", "").trim();
        List<String> assignments = !replaced.isEmpty() ? List.of(replaced.split("\\s+"))
                : Files.readAllLines(unit).stream().filter(l -> l.startsWith("Environment=MALLOC_"))
                        .map(l -> l.substring("Environment=".length())).toList();
        for (String a : assignments) {
            env.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return env;
    }

    /** The JVM options of a unit's ExecStart: what stands between /usr/bin/java and -jar or -cp. */
    private static List<String> jvmOptions(Path unit, String override) throws IOException {
        String replaced = System.getProperty(override, "").trim();
        if (!replaced.isEmpty()) {
            return List.of(replaced.split("\\s+"));
        }
        String exec = Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        List<String> words = List.of(exec.substring("ExecStart=".length()).trim().split("\\s+"));
        List<String> options = new ArrayList<>();
        for (String w : words.subList(words.indexOf("/usr/bin/java") + 1, words.size())) {
            if (w.equals("-jar") || w.equals("-cp")) {
                break;
            }
            // the Pi's cache folder for JavaFX's natives; here the x86 build unpacks into the user's home
            if (!w.startsWith("-Djavafx.cachedir=")) {
                options.add(w);
            }
        }
        return options;
    }

    private static String javafxX86() throws Exception {
        List<String> jars = new ArrayList<>();
        for (String cls : List.of("javafx.beans.Observable", "javafx.scene.Node", "javafx.scene.control.Button",
                "javafx.embed.swing.SwingFXUtils")) {
            URL url = MemoryBudgetBenchmark.class.getClassLoader().getResource(cls.replace('.', '/') + ".class");
            String file = url.getPath();
            jars.add(Path.of(URI.create(file.substring(0, file.indexOf("!/")))).toString());
        }
        return String.join(":", jars);
    }

    private static long rssKb(long pid) throws IOException {
        return statusField(Path.of("/proc/" + pid + "/status"), "VmRSS:");
    }

    private static long writeBytes(long pid) throws IOException {
        return statusField(Path.of("/proc/" + pid + "/io"), "write_bytes:");
    }

    private static long statusField(Path file, String name) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException(name + " not in " + file);
    }

    private Optional<String> get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void post(String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, url + " answered " + r.statusCode() + ": " + r.body());
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void await(String what, Duration atMost, Process p, Path log, BooleanSupplier done)
            throws Exception {
        long end = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > end) {
                List<String> lines = read(log).lines().toList();
                fail(what + (p.isAlive() ? " not ready in " + atMost : " exited") + ":\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            Thread.sleep(300);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        if (status != 0) {
            print("%s: exit %d: %s", command[0], status, out);
        }
        return status;
    }

    private static Path deb(String name) throws IOException {
        try (Stream<Path> files = Files.list(PACKAGING.resolve(name).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches(name + "_.*_all\\.deb")).findFirst()
                    .orElseThrow();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void print(String format, Object... args) {
        System.out.printf("BENCH " + format + "%n", args);
        System.out.flush();
    }
}
