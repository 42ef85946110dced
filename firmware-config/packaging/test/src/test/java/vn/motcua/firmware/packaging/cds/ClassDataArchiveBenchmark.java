package vn.motcua.firmware.packaging.cds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Figures, not a test ({@code mvn -B -Pbench -pl firmware-config/packaging/test -am verify}): start-up of the
 * packaged agent (process start to the local API's first answer) and of the packaged screen (process start to its
 * first frame and to Home with the site loaded, on Xvfb), each with the units' JVM options, plain and through java-cds
 * with its archive; resident memory once started. Medians of {@code -Dbench.runs} runs (5) each, after a first start
 * that makes the agent's database and voice pack. JavaFX's x86 build stands in for the Pi's.
 */
class ClassDataArchiveBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                PackagedJvm.stop(p);
            }
        }
    }

    @Test
    void startUpAndMemoryWithAndWithoutTheArchive(@TempDir Path work) throws Exception {
        Path pkg = PackagedJvm.unpack(work.resolve("pkg"), "kiosk-agent", "kiosk-app");
        List<String> agentArgs = new ArrayList<>(PackagedJvm.unitJvmOptions(pkg.resolve("lib/systemd/system/kiosk-agent.service")));
        agentArgs.addAll(List.of("-jar", pkg.resolve(PackagedJvm.AGENT_JAR).toString()));
        List<String> appArgs = new ArrayList<>(PackagedJvm.unitJvmOptions(pkg.resolve("lib/systemd/system/kiosk-app.service")));
        appArgs.addAll(List.of("-Dkiosk.printFirstFrame=true", "-cp", pkg.resolve("usr/share/kiosk-app/lib") + "/*:"
                + javafxX86(), "vn.motcua.app.Launcher"));
        print("agent: java %s", String.join(" ", agentArgs));
        print("screen: java %s", String.join(" ", appArgs));
        Path data = Files.createDirectories(work.resolve("agent-data"));

        // the agent's first start makes its database and voice pack: out of the figures
        Process first = agent(PackagedJvm.plain(agentArgs), data, work.resolve("agent-first.log")).process();
        PackagedJvm.stop(first);

        Path agentCache = Files.createDirectories(work.resolve("cache-agent"));
        List<String> agentViaLauncher = PackagedJvm.throughLauncher(pkg, agentCache, agentArgs);
        Started making = agent(agentViaLauncher, data, work.resolve("agent-making.log"));
        long stopMs = timedStop(making.process());
        assertEquals(1, PackagedJvm.archives(agentCache).size(), "the agent's archive is written at its stop");
        Started checking = agent(agentViaLauncher, data, work.resolve("agent-checking.log"));
        PackagedJvm.stop(checking.process());
        Path agentArchive = PackagedJvm.archives(agentCache).get(0);
        assertTrue(agentArchive.toString().endsWith(".jsa"), agentArchive.toString());
        print("agent archive: %d KB, written in the stop that took %d ms; the start that wrote it %d ms, the next "
                + "one (checks it) %d ms", Files.size(agentArchive) / 1024, stopMs, making.ms(), checking.ms());

        List<Long> plainMs = new ArrayList<>();
        List<Long> plainRss = new ArrayList<>();
        List<Long> archiveMs = new ArrayList<>();
        List<Long> archiveRss = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            // alternating, so that a busy moment of the machine falls on both
            Started plain = agent(PackagedJvm.plain(agentArgs), data, work.resolve("agent-plain.log"));
            plainRss.add(settledRssKb(plain.process()));
            PackagedJvm.stop(plain.process());
            plainMs.add(plain.ms());
            Started archived = agent(agentViaLauncher, data, work.resolve("agent-archive.log"));
            archiveRss.add(settledRssKb(archived.process()));
            PackagedJvm.stop(archived.process());
            archiveMs.add(archived.ms());
        }
        print("AGENT start to local API answering, ms: plain %s median %d; with archive %s median %d (%.0f%% less)",
                plainMs, median(plainMs), archiveMs, median(archiveMs), less(plainMs, archiveMs));
        print("AGENT resident after start, MB: plain median %d, with archive median %d", median(plainRss) / 1024,
                median(archiveRss) / 1024);

        // the screen against an agent of its own, on an X display of its own
        int agentPort = PackagedJvm.freePort();
        Process agentForScreen = agent(PackagedJvm.plain(agentArgs), data, work.resolve("agent-for-screen.log"),
                agentPort).process();
        int display = 90 + (int) (ProcessHandle.current().pid() % 100);
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1024x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
        started.add(xvfb);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(Path.of("/tmp/.X11-unix/X" + display))) {
            assertTrue(xvfb.isAlive() && System.nanoTime() < until, "Xvfb :" + display + " did not start");
            Thread.sleep(100);
        }
        Path appCache = Files.createDirectories(work.resolve("cache-app"));
        List<String> appViaLauncher = PackagedJvm.throughLauncher(pkg, appCache, appArgs);
        screen(PackagedJvm.plain(appArgs), display, agentPort, work.resolve("screen-first.log"), true);
        screen(appViaLauncher, display, agentPort, work.resolve("screen-making.log"), true);
        assertEquals(1, PackagedJvm.archives(appCache).size(), "the screen's archive is written at its stop");
        screen(appViaLauncher, display, agentPort, work.resolve("screen-checking.log"), true);
        Path appArchive = PackagedJvm.archives(appCache).get(0);
        assertTrue(appArchive.toString().endsWith(".jsa"), appArchive.toString());
        print("screen archive: %d KB", Files.size(appArchive) / 1024);

        List<Screen> plainScreens = new ArrayList<>();
        List<Screen> archiveScreens = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            plainScreens.add(screen(PackagedJvm.plain(appArgs), display, agentPort, work.resolve("screen-plain.log"), false));
            archiveScreens.add(screen(appViaLauncher, display, agentPort, work.resolve("screen-archive.log"), false));
        }
        for (String what : List.of("first frame", "Home with the site")) {
            Function<Screen, Long> f = what.equals("first frame") ? Screen::firstFrameMs : Screen::homeReadyMs;
            List<Long> p = plainScreens.stream().map(f).toList();
            List<Long> a = archiveScreens.stream().map(f).toList();
            print("SCREEN start to %s, ms: plain %s median %d; with archive %s median %d (%.0f%% less)", what, p,
                    median(p), a, median(a), less(p, a));
        }
        print("SCREEN resident with Home shown, MB: plain median %d, with archive median %d",
                median(plainScreens.stream().map(Screen::rssKb).toList()) / 1024,
                median(archiveScreens.stream().map(Screen::rssKb).toList()) / 1024);
        PackagedJvm.stop(agentForScreen);
    }

    private record Started(Process process, long ms) {
    }

    private record Screen(long firstFrameMs, long homeReadyMs, long rssKb) {
    }

    private Started agent(List<String> command, Path data, Path log) throws Exception {
        return agent(command, data, log, PackagedJvm.freePort());
    }

    private Started agent(List<String> command, Path data, Path log, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        PackagedJvm.agentEnvironment(pb.environment(), data, port);
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        long t0 = System.nanoTime();
        Process p = pb.start();
        started.add(p);
        return new Started(p, PackagedJvm.awaitAgent(http, p, port, log, t0, Duration.ofMinutes(3)));
    }

    /** Starts the screen, waits for Home with the site, measures, and stops it. */
    private Screen screen(List<String> command, int display, int agentPort, Path log, boolean notCounted) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", ":" + display);
        pb.environment().put("AGENT_HTTP_PORT", String.valueOf(agentPort));
        pb.environment().put("KIOSK_IDLE_TIMEOUT_SECONDS", "600");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        long t0 = System.nanoTime();
        Process p = pb.start();
        started.add(p);
        long firstFrame = -1;
        long end = t0 + Duration.ofMinutes(3).toNanos();
        while (true) {
            String out = PackagedJvm.read(log);
            if (firstFrame < 0 && out.contains("FIRST_FRAME_MS=")) {
                firstFrame = (System.nanoTime() - t0) / 1_000_000;
            }
            if (out.contains("HOME_READY_MS=")) {
                break;
            }
            if (!p.isAlive() || System.nanoTime() > end) {
                fail("the screen " + (p.isAlive() ? "did not show Home" : "exited") + ":\n" + PackagedJvm.tail(log));
            }
            Thread.sleep(20);
        }
        long homeReady = (System.nanoTime() - t0) / 1_000_000;
        long rss = settledRssKb(p);
        PackagedJvm.stop(p);
        if (notCounted) {
            print("screen (not counted): first frame %d ms, Home %d ms, %s", firstFrame, homeReady,
                    PackagedJvm.read(log).lines().filter(l -> l.contains("_MS=")).toList());
        }
        return new Screen(firstFrame, homeReady, rss);
    }

    private static long settledRssKb(Process p) throws Exception {
        Thread.sleep(3_000);
        return PackagedJvm.rssKb(p.pid());
    }

    private static long timedStop(Process p) throws InterruptedException {
        long t0 = System.nanoTime();
        PackagedJvm.stop(p);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double less(List<Long> plain, List<Long> archive) {
        return 100.0 * (median(plain) - median(archive)) / median(plain);
    }

    private static String javafxX86() throws Exception {
        List<String> jars = new ArrayList<>();
        for (String cls : List.of("javafx.beans.Observable", "javafx.scene.Node", "javafx.scene.control.Button",
                "javafx.embed.swing.SwingFXUtils")) {
            URL url = ClassDataArchiveBenchmark.class.getClassLoader().getResource(cls.replace('.', '/') + ".class");
            String file = url.getPath();
            jars.add(Path.of(URI.create(file.substring(0, file.indexOf("!/")))).toString());
        }
        return String.join(":", jars);
    }

    private static void print(String format, Object... args) {
        System.out.printf("BENCH " + format + "%n", args);
        System.out.flush();
    }
}
