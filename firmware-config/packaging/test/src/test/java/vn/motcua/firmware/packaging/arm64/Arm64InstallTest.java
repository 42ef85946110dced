package vn.motcua.firmware.packaging.arm64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packages on a Raspberry Pi's own architecture: a Debian bookworm arm64 root run through qemu-user-static,
 * the .deb files installed with apt (Depends resolved, maintainer scripts run), the kiosk configured with the
 * packaged firmware-config, and both programs started with the command lines of their rendered units. A ticket
 * comes out of the serial printer (a socat pseudo-terminal) as a readable QR, the events reach central-sync on this
 * machine and are acknowledged, and the screen draws a procedure's QR on an X display.
 *
 * <p>Needs root (chroot, mounts); skipped otherwise. {@code bash .ci/run} runs it as root. The arm64 root is cached
 * in {@code /var/cache/motcua-kiosk-arm64} ({@code -Darm64.cache}); each run works on an overlay of it.
 */
class Arm64InstallTest {
    private static final Path PACKAGING = Path.of("..").toAbsolutePath().normalize();
    private static final Duration EMULATED_START = Duration.ofMinutes(5);
    private static final String SITE = "arm64-site";
    private static final String KIOSK = "kiosk-01";
    private static final String API_TOKEN = "arm64-test-read-token";
    private static final int DOTS_80_MM = 576;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private Arm64Root root;
    private Path work;

    @BeforeAll
    static void rootWithQemu() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the arm64 installation test needs root (chroot and mounts); bash .ci/run runs it as root");
        long t0 = System.nanoTime();
        Arm64Root.ensureCache();
        log("arm64 root ready in %d s (cache %s)", (System.nanoTime() - t0) / 1_000_000_000L, Arm64Root.cache());
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (root != null) {
            root.close();
        }
        // the logs and pictures of the last run stay in target/arm64 for a look after the build
        if (work != null) {
            try (Stream<Path> files = Files.list(work)) {
                copyToTarget(files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".png"))
                        .toArray(Path[]::new));
            }
        }
    }

    @Test
    void givenBothPackages_whenInstalledOnArm64AndStartedFromTheirUnits_thenTicketsPrintSyncAndTheScreenShowsQr(
            @TempDir Path work) throws Exception {
        this.work = work;
        root = Arm64Root.up(work.resolve("arm64"));
        Arm64Root.Run java = root.exec(Duration.ofMinutes(2), "java", "-XshowSettings:properties", "-version");
        log("the emulated JVM: %s, %s", property(java.output(), "os.arch"), property(java.output(), "java.vm.version"));
        assertEquals("aarch64", property(java.output(), "os.arch"), java.output());

        Arm64Root.Run install = install(deb("kiosk-agent"), deb("kiosk-app"));
        assertEquals(0, install.status(), install.output());
        assertTrue(root.exec(Duration.ofSeconds(30), "getent", "passwd", "kiosk").output().contains("/var/lib/kiosk-agent"));
        assertEquals("kiosk kiosk", root.exec(Duration.ofSeconds(30), "stat", "-c", "%U %G", "/var/lib/kiosk-agent")
                .output().strip());
        // where java-cds keeps the class-data archives
        assertEquals("kiosk kiosk\nkiosk kiosk", root.exec(Duration.ofSeconds(30), "stat", "-c", "%U %G",
                "/var/cache/kiosk-agent", "/var/cache/kiosk-app").output().strip());

        // central-sync and its broker on this machine, the kiosk's login made by provisioning
        Path provisioned = work.resolve("provisioned");
        Arm64Root.Run provision = Arm64Root.host(Duration.ofMinutes(2), javaOnHost(), "-jar", jar("firmware.jar"),
                "provision", "--site", SITE, "--kiosk", KIOSK, "--out", provisioned.toString(),
                "--central-keys", work.resolve("central-keys").toString());
        assertEquals(0, provision.status(), provision.output());
        int mqttPort = freePort();
        int centralPort = freePort();
        Process central = startCentral(work, provisioned, mqttPort, centralPort);

        // the kiosk, configured with the packaged firmware-config as on a Pi (README, bring-up steps 3 to 5)
        int agentPort = freePort();
        Files.writeString(root.file("/tmp/kiosk.yaml"), String.join("\n",
                "identity:", "  siteId: " + SITE, "  kioskId: " + KIOSK,
                "broker:", "  url: tcp://127.0.0.1:" + mqttPort, "  username: " + SITE + "." + KIOSK,
                "  passwordFile: /etc/kiosk/mqtt-password",
                "agent:", "  httpPort: " + agentPort,
                "printer:", "  port: /dev/ttyUSB0", "  baud: 9600", ""));
        Arm64Root.Run validate = root.exec(Duration.ofMinutes(3), "firmware-config", "validate", "/tmp/kiosk.yaml");
        assertEquals(0, validate.status(), validate.output());
        Arm64Root.Run render = root.exec(Duration.ofMinutes(3), "firmware-config", "render", "/tmp/kiosk.yaml",
                "--out", "/tmp/rendered");
        assertEquals(0, render.status(), render.output());
        assertEquals(0, root.exec(Duration.ofSeconds(60), "cp", "-r", "/tmp/rendered/etc/.", "/etc/").status());
        Files.copy(provisioned.resolve("kiosk/mqtt-password"), root.file("/tmp/mqtt-password"));
        Files.copy(provisioned.resolve("kiosk/command-signing.pub"), root.file("/tmp/command-signing.pub"));
        assertEquals(0, root.exec(Duration.ofSeconds(60), "install", "-o", "root", "-g", "kiosk", "-m", "0640",
                "/tmp/mqtt-password", "/etc/kiosk/mqtt-password").status());
        assertEquals(0, root.exec(Duration.ofSeconds(60), "install", "-m", "0644", "/tmp/command-signing.pub",
                "/etc/kiosk/command-signing.pub").status());

        Printer printer = Printer.attach(root, work, started);
        SystemdUnit agentUnit = SystemdUnit.read(root.file("/etc/systemd/system/kiosk-agent.service"));
        Process agent = startAgent(agentUnit, work);
        long t0 = System.nanoTime();
        String agentUrl = "http://127.0.0.1:" + agentPort;
        await("the agent's local API", EMULATED_START, agent, work.resolve("agent.log"),
                () -> get(agentUrl + "/api/status", null).map(s -> s.contains("\"siteId\":\"" + SITE + "\"")).orElse(false));
        long readyMs = (System.nanoTime() - t0) / 1_000_000;
        log("emulated agent: ready %d ms after start (command line of the rendered unit: %s)", readyMs,
                String.join(" ", agentUnit.execStart()));

        long t1 = System.nanoTime();
        String ticket = post(agentUrl + "/api/tickets", "{\"service\":\"A\",\"priority\":\"elderly\"}",
                UUID.randomUUID().toString());
        long ticketMs = (System.nanoTime() - t1) / 1_000_000;
        String ticketId = field(ticket, "ticketId");
        log("emulated agent: first ticket %s in %d ms: %s", field(ticket, "display"), ticketMs, ticket);
        assertTrue(ticket.contains("\"printed\":true"), ticket);

        BufferedImage paper = printer.awaitJob(Duration.ofMinutes(1));
        Path paperPng = work.resolve("ticket.png");
        ImageIO.write(paper, "png", paperPng.toFile());
        String printedQr = zbar(paperPng);
        log("printed ticket: %d bytes on the serial line, %dx%d dots, QR: %s", printer.bytes().length,
                paper.getWidth(), paper.getHeight(), printedQr);
        assertTrue(printedQr.contains(ticketId), "the printed QR names the ticket: " + printedQr);

        String rating = post(agentUrl + "/api/ratings", "{\"ticketId\":\"" + ticketId + "\",\"counter\":\"1\","
                + "\"officerId\":\"cb-nguyen-van-a\",\"procedureCode\":null,\"level\":\"satisfied\",\"scale\":5,"
                + "\"reasons\":[],\"comment\":null}", null);
        log("rating: %s", rating);

        String centralUrl = "http://127.0.0.1:" + centralPort;
        await("central-sync storing the ticket and the rating", Duration.ofMinutes(2), central,
                work.resolve("central.log"), () -> get(centralUrl + "/api/stats", API_TOKEN)
                        .map(s -> number(s, "tickets") >= 1 && number(s, "ratings") >= 1).orElse(false));
        await("central's signed ack for every event", Duration.ofMinutes(2), agent, work.resolve("agent.log"),
                () -> get(agentUrl + "/api/status", null).map(s -> number(s, "outboxBacklog") == 0
                        && number(s, "lastAckSeq") >= 2 && number(s, "lastAckSeq") == number(s, "lastSeq")
                        && number(s, "acksRefused") == 0).orElse(false));
        log("central: %s; agent: %s", get(centralUrl + "/api/stats", API_TOKEN).orElseThrow(),
                get(agentUrl + "/api/status", null).orElseThrow());

        Set<String> agentNatives = nativeLibraries(agent.pid());
        log("native libraries the emulated agent loaded: %s", agentNatives);
        assertTrue(agentNatives.stream().anyMatch(l -> l.contains("sqlitejdbc")), agentNatives.toString());
        assertTrue(agentNatives.stream().anyMatch(l -> l.toLowerCase().contains("jserialcomm")), agentNatives.toString());
        assertAarch64(agentNatives);

        screen(work, agentPort);
    }

    @Test
    void givenPackageWithMissingDependency_whenInstalledOnArm64_thenAptRefusesIt(@TempDir Path work) throws Exception {
        Path broken = work.resolve("broken");
        assertEquals(0, Arm64Root.host(Duration.ofMinutes(1), "dpkg-deb", "-R", deb("kiosk-agent").toString(),
                broken.toString()).status());
        Path control = broken.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Depends: ",
                "Depends: kiosk-runtime-that-does-not-exist, "));
        Path brokenDeb = work.resolve("kiosk-agent_broken_all.deb");
        Arm64Root.Run build = Arm64Root.host(Duration.ofMinutes(1), "dpkg-deb", "-b", broken.toString(),
                brokenDeb.toString());
        assertEquals(0, build.status(), build.output());
        root = Arm64Root.up(work.resolve("arm64"));

        Arm64Root.Run install = install(brokenDeb);

        log("a package needing what the archive lacks: apt exit status %d", install.status());
        assertNotEquals(0, install.status(), install.output());
        assertTrue(install.output().contains("kiosk-runtime-that-does-not-exist"), install.output());
        assertEquals(1, root.exec(Duration.ofSeconds(30), "test", "-e", "/usr/share/kiosk-agent/kiosk-agent.jar")
                .status(), "nothing of the refused package is installed");
    }

    /** apt, as on a Pi, from the local files; recommended packages (cage) stay out of the emulated root. */
    private Arm64Root.Run install(Path... debs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        for (Path deb : debs) {
            Path inRoot = root.file("/tmp/" + deb.getFileName());
            Files.copy(deb, inRoot);
            command.add("/tmp/" + deb.getFileName());
        }
        long t0 = System.nanoTime();
        Arm64Root.Run r = root.exec(Duration.ofMinutes(5), command.toArray(String[]::new));
        log("apt-get install %s: exit %d in %d s", List.of(debs).stream().map(d -> d.getFileName().toString()).toList(),
                r.status(), (System.nanoTime() - t0) / 1_000_000_000L);
        return r;
    }

    private Process startCentral(Path work, Path provisioned, int mqttPort, int httpPort) throws IOException {
        Path dir = Files.createDirectories(work.resolve("central"));
        ProcessBuilder pb = new ProcessBuilder(javaOnHost(), "-Xmx384m", "-jar", jar("central.jar"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("central.log").toFile());
        pb.environment().put("HTTP_PORT", String.valueOf(httpPort));
        pb.environment().put("MQTT_PORT", String.valueOf(mqttPort));
        pb.environment().put("MQTT_KIOSK_PASSWORD_FILE", provisioned.resolve("broker/mosquitto.passwd").toString());
        pb.environment().put("CENTRAL_SIGNING_KEY", work.resolve("central-keys/command-signing.key").toString());
        pb.environment().put("CENTRAL_API_TOKEN", API_TOKEN);
        pb.environment().remove("MQTT_URL");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /**
     * The agent with the unit's own command line, user, working folder and environment. Two additions reach the JVM
     * through JAVA_TOOL_OPTIONS, leaving the command line as rendered: Pi4J's mock plugin (GPIO without a board).
     */
    private Process startAgent(SystemdUnit unit, Path work) throws Exception {
        Path mockPlugin = jarOf("com.pi4j.plugin.mock.platform.MockPlatform");
        Files.copy(mockPlugin, root.file("/tmp/pi4j-plugin-mock.jar"));
        writeAgentJar(root.file("/tmp/mock-gpio-agent.jar"));
        Map<String, String> env = new LinkedHashMap<>(unit.environment());
        env.put("HOME", unit.value("WorkingDirectory"));
        env.put("JAVA_TOOL_OPTIONS", "-javaagent:/tmp/mock-gpio-agent.jar=/tmp/pi4j-plugin-mock.jar");
        assertEquals("kiosk", unit.value("User"));
        cacheDirectories(unit);
        List<String> command = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", unit.value("WorkingDirectory")));
        command.addAll(unit.execStart());
        Process p = root.start(unit.value("User"), env, command, work.resolve("agent.log"));
        started.add(p);
        return p;
    }

    /** What systemd makes for a unit: its CacheDirectory, owned by its user. */
    private void cacheDirectories(SystemdUnit unit) throws IOException, InterruptedException {
        for (String cache : unit.service().getOrDefault("CacheDirectory", List.of())) {
            assertEquals(0, root.exec(Duration.ofSeconds(30), "install", "-d", "-o", unit.value("User"), "-g",
                    unit.value("User"), "/var/cache/" + cache).status());
        }
    }

    /** The screen from kiosk-app's rendered unit: the java command cage would run, on an X display of its own. */
    private void screen(Path work, int agentPort) throws Exception {
        SystemdUnit unit = SystemdUnit.read(root.file("/etc/systemd/system/kiosk-app.service"));
        List<String> exec = unit.execStart();
        // the class-data launcher, its cache folder, then the JVM
        List<String> javaCommand = exec.subList(exec.indexOf("--") + 1, exec.size());
        assertEquals(List.of("/bin/sh", "/usr/lib/kiosk-agent/java-cds", "/var/cache/kiosk-app", "/usr/bin/java"),
                javaCommand.subList(0, 4), exec.toString());
        assertEquals(String.valueOf(agentPort), unit.environment().get("AGENT_HTTP_PORT"));

        int display = freeDisplay();
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1024x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
        started.add(xvfb);
        await("Xvfb", Duration.ofSeconds(30), xvfb, work.resolve("xvfb.log"),
                () -> Files.exists(Path.of("/tmp/.X11-unix/X" + display)));

        cacheDirectories(unit);
        Map<String, String> env = new LinkedHashMap<>(unit.environment());
        env.put("HOME", "/var/lib/kiosk-agent");
        env.put("DISPLAY", ":" + display);
        env.put("JAVA_TOOL_OPTIONS", "-Dkiosk.printFirstFrame=true");
        Path log = work.resolve("app.log");
        Process app = root.start(unit.value("User"), env, javaCommand, log);
        started.add(app);
        await("the screen's first frame with the site loaded", EMULATED_START, app, log,
                () -> read(log).contains("HOME_READY_MS="));
        log("emulated screen: first frame %s ms, home with the site %s ms after the JVM started (%s)",
                property(read(log), "FIRST_FRAME_MS"), property(read(log), "HOME_READY_MS"), String.join(" ", javaCommand));

        screenshot(display, work.resolve("screen-home.png"));
        // Home's first tile opens the procedures, the first of them its QR; the window fills the 1024x600 display
        // (the same taps as the memory benchmark's; the middle tile, which takes a ticket, is left alone)
        click(display, 170, 400);
        Path procedures = work.resolve("screen-procedures.png");
        long until = System.nanoTime() + EMULATED_START.toNanos();
        // the list's first row is white where Home's ticket tile is green: tap it only once it is there
        while (!light(ImageIO.read(screenshot(display, procedures).toFile()).getRGB(500, 402))) {
            assertTrue(System.nanoTime() < until, "the procedures screen did not open");
            Thread.sleep(2_000);
        }
        click(display, 500, 402);
        String qr = "";
        for (int i = 0; i < 30 && qr.isEmpty(); i++) {
            Thread.sleep(3_000);
            qr = zbar(screenshot(display, work.resolve("screen-procedure.png")));
        }
        log("screen: procedure QR read from the screenshot: %s", qr);
        assertTrue(qr.startsWith("http"), "a procedure's portal link: '" + qr + "'");

        Set<String> appNatives = nativeLibraries(app.pid());
        log("native libraries the emulated screen loaded: %s", appNatives);
        assertTrue(appNatives.stream().anyMatch(l -> l.contains("libglass")), appNatives.toString());
        assertTrue(appNatives.stream().anyMatch(l -> l.contains("libprism")), appNatives.toString());
        assertAarch64(appNatives);
    }

    private static boolean light(int rgb) {
        return (rgb >> 16 & 0xFF) > 200 && (rgb >> 8 & 0xFF) > 200 && (rgb & 0xFF) > 200;
    }

    private static void copyToTarget(Path... files) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/arm64"));
        for (Path f : files) {
            if (Files.exists(f)) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void click(int display, int x, int y) throws Exception {
        Arm64Root.Run r = Arm64Root.host(Duration.ofSeconds(30), "env", "DISPLAY=:" + display, "xdotool",
                "mousemove", String.valueOf(x), String.valueOf(y), "click", "1");
        assertEquals(0, r.status(), r.output());
    }

    private static Path screenshot(int display, Path png) throws Exception {
        Arm64Root.Run r = Arm64Root.host(Duration.ofSeconds(60), "import", "-display", ":" + display, "-window",
                "root", png.toString());
        assertEquals(0, r.status(), r.output());
        return png;
    }

    /** The shared objects an emulated process mapped, by their file names (qemu maps them for the guest). */
    private Set<String> nativeLibraries(long pid) throws IOException {
        Set<String> libs = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            int slash = line.indexOf('/');
            if (slash > 0 && line.contains(".so")) {
                String path = line.substring(slash);
                if (!path.contains("/usr/lib/jvm/") && !path.contains("/lib/aarch64-linux-gnu/")
                        && !path.startsWith("/usr/libexec/qemu")) {
                    libs.add(path);
                }
            }
        }
        return libs;
    }

    /** Every library the test looks for is a 64-bit ARM ELF file (e_machine 183), not the build machine's. */
    private static void assertAarch64(Set<String> libs) throws IOException {
        for (String lib : libs) {
            Path file = Path.of(lib);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(20);
                int machine = (head[18] & 0xFF) | (head[19] & 0xFF) << 8;
                assertEquals(183, machine, lib + " is not an aarch64 library");
            }
        }
    }

    /** zbarimg's answer on its standard output; its standard error carries a harmless D-Bus complaint. */
    private static String zbar(Path png) throws Exception {
        Process p = new ProcessBuilder("zbarimg", "--raw", "-q", png.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "zbarimg did not finish");
        return p.exitValue() == 0 ? out : "";
    }

    private java.util.Optional<String> get(String url, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private String post(String url, String json, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, url + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private static void await(String what, Duration atMost, Process process, Path log, BooleanSupplier done)
            throws Exception {
        long end = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (!process.isAlive()) {
                fail(what + ": the process exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (System.nanoTime() > end) {
                fail(what + ": not within " + atMost + ":\n" + tail(log));
            }
            Thread.sleep(500);
        }
    }

    private static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String property(String text, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*=\\s*(\\S+)").matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static Path deb(String name) throws IOException {
        try (Stream<Path> files = Files.list(PACKAGING.resolve(name).resolve("target"))) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches(name + "_.*_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one " + name + " package expected in " + PACKAGING.resolve(name) + "/target");
            return debs.get(0);
        }
    }

    private static String jar(String property) {
        String path = System.getProperty(property);
        assertTrue(path != null && Files.isRegularFile(Path.of(path)), property + " names no jar: " + path);
        return path;
    }

    private static String javaOnHost() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar a class file comes from, without loading the class (its own dependencies are not here). */
    private static Path jarOf(String className) throws Exception {
        URL url = Arm64InstallTest.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        assertTrue(url != null && url.getProtocol().equals("jar"), className + " is in no jar: " + url);
        String file = url.getPath();
        return Path.of(URI.create(file.substring(0, file.indexOf("!/"))));
    }

    private static void writeAgentJar(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), MockGpioAgent.class.getName());
        String entry = MockGpioAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = MockGpioAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freeDisplay() {
        for (int d = 90; d < 200; d++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + d)) && !Files.exists(Path.of("/tmp/.X" + d + "-lock"))) {
                return d;
            }
        }
        throw new IllegalStateException("no free X display number");
    }

    static void log(String format, Object... args) {
        System.out.printf("ARM64 " + format + "%n", args);
        System.out.flush();
    }

    /**
     * The printer's serial line: a socat pseudo-terminal pair, one end linked in the root as /dev/kiosk-printer (the
     * name the rendered udev rule gives the printer), the other read here. Jobs are read back into the paper's
     * picture with the agent's own raster decoder, from the installed package.
     */
    static final class Printer {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final Method decode;

        private Printer(Method decode) {
            this.decode = decode;
        }

        static Printer attach(Arm64Root root, Path work, List<Process> started) throws Exception {
            Path device = root.file("/dev/kiosk-printer");
            Path tap = work.resolve("printer-tap");
            Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + device,
                    "pty,raw,echo=0,link=" + tap).redirectErrorStream(true)
                    .redirectOutput(work.resolve("socat.log").toFile()).start();
            started.add(socat);
            await("socat's pseudo-terminals", Duration.ofSeconds(30), socat, work.resolve("socat.log"),
                    () -> Files.exists(device) && Files.exists(tap));
            // the link points at /dev/pts/N, which the root shares; the kiosk user opens it as the printer's group would
            Files.setPosixFilePermissions(device.toRealPath(), PosixFilePermissions.fromString("rw-rw-rw-"));
            URLClassLoader agentJar = new URLClassLoader(
                    new URL[]{root.file("/usr/share/kiosk-agent/kiosk-agent.jar").toUri().toURL()}, null);
            Printer printer = new Printer(agentJar.loadClass("vn.motcua.agent.printer.RasterPreview")
                    .getMethod("decode", byte[].class, int.class));
            Thread reader = new Thread(() -> {
                try (InputStream in = Files.newInputStream(tap)) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (printer.received) {
                            printer.received.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the line closes when socat stops at the end of the test
                }
            }, "printer-line");
            reader.setDaemon(true);
            reader.start();
            return printer;
        }

        byte[] bytes() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        /** Waits until the bytes received so far read back as one whole job with a picture on it. */
        BufferedImage awaitJob(Duration atMost) throws Exception {
            long end = System.nanoTime() + atMost.toNanos();
            String last = "nothing received";
            while (System.nanoTime() < end) {
                byte[] job = bytes();
                if (job.length > 0) {
                    try {
                        BufferedImage img = (BufferedImage) decode.invoke(null, job, DOTS_80_MM);
                        if (img.getHeight() > 100) {
                            return img;
                        }
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        last = e.getCause().getMessage();
                    }
                }
                Thread.sleep(1_000);
            }
            throw new AssertionError("no whole ticket on the printer's line: " + last + " (" + bytes().length
                    + " bytes)");
        }
    }

    /** The [Service] keys of a rendered systemd unit. */
    record SystemdUnit(Map<String, List<String>> service) {
        static SystemdUnit read(Path file) throws IOException {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            boolean inService = false;
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("[")) {
                    inService = line.equals("[Service]");
                } else if (inService && line.contains("=") && !line.startsWith("#")) {
                    keys.computeIfAbsent(line.substring(0, line.indexOf('=')), k -> new ArrayList<>())
                            .add(line.substring(line.indexOf('=') + 1));
                }
            }
            return new SystemdUnit(keys);
        }

        String value(String key) {
            List<String> values = service.get(key);
            assertTrue(values != null && values.size() == 1, key + " in " + service);
            return values.get(0);
        }

        List<String> execStart() {
            return List.of(value("ExecStart").trim().split("\\s+"));
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String assignment : service.getOrDefault("Environment", List.of())) {
                env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
            return env;
        }
    }
}
