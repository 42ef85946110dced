package vn.motcua.firmware.packaging.cds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kiosk-agent package's java-cds launcher, which both units start their JVM through: the archive of the
 * program's classes is written when the program stops, checked and used from the next start on, and a broken one
 * never keeps the program from starting.
 */
class ClassDataArchiveTest {
    /** JVM logging through the environment, so that the command line, and with it the archive's name, stays the same. */
    private static final String LOG_CLASS_SOURCES = "-Xlog:class+load=info";
    private static final String FROM_THE_ARCHIVE = "source: shared objects file (top)";
    private static final String FROM_THE_JDKS_ARCHIVE = "source: shared objects file";

    @TempDir
    static Path unpacked;
    private static Path pkg;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void unpackTheAgentPackage() throws Exception {
        pkg = PackagedJvm.unpack(unpacked.resolve("pkg"), "kiosk-agent");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void givenNoArchive_whenTheAgentStartsAndStopsTwice_thenTheFirstStopWritesTheArchiveAndTheSecondStartLoadsFromIt(
            @TempDir Path work) throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path data = Files.createDirectories(work.resolve("data"));
        List<String> javaArgs = new ArrayList<>(PackagedJvm.unitJvmOptions(pkg.resolve("lib/systemd/system/kiosk-agent.service")));
        javaArgs.addAll(List.of("-jar", pkg.resolve(PackagedJvm.AGENT_JAR).toString()));

        Process first = startAgent(cache, data, javaArgs, work.resolve("first.log"));
        assertEquals(List.of(), PackagedJvm.archives(cache), "nothing is written while the agent runs");
        PackagedJvm.stop(first);
        List<Path> written = PackagedJvm.archives(cache);
        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).getFileName().toString().endsWith(".jsa.new"), written.toString());
        String firstLog = PackagedJvm.read(work.resolve("first.log"));
        assertFalse(firstLog.contains(FROM_THE_ARCHIVE), "no archive of the agent's classes yet");
        assertTrue(firstLog.contains("java.lang.Object " + FROM_THE_JDKS_ARCHIVE),
                "the JDK's own archive stays in use while the agent's is made");

        Process second = startAgent(cache, data, javaArgs, work.resolve("second.log"));
        String secondLog = PackagedJvm.read(work.resolve("second.log"));
        long agentClassesFromArchive = secondLog.lines()
                .filter(l -> l.contains(" vn.motcua.agent.") && l.endsWith(FROM_THE_ARCHIVE)).count();
        long agentClasses = secondLog.lines().filter(l -> l.contains(" vn.motcua.agent.")).count();
        System.out.printf("CDS second start: %d of the %d agent classes loaded so far came from the archive %s%n",
                agentClassesFromArchive, agentClasses, PackagedJvm.archives(cache));
        assertTrue(agentClassesFromArchive > 50, agentClassesFromArchive + " of " + agentClasses);
        assertTrue(secondLog.lines().anyMatch(l -> l.contains(" io.micronaut.") && l.endsWith(FROM_THE_ARCHIVE)),
                "the framework's classes come from the archive too");
        List<Path> kept = PackagedJvm.archives(cache);
        assertEquals(List.of(written.get(0).resolveSibling(
                written.get(0).getFileName().toString().replace(".jsa.new", ".jsa"))), kept, "checked and kept");
        PackagedJvm.stop(second);
        assertEquals(kept, PackagedJvm.archives(cache), "a checked archive is not written again");
    }

    @Test
    void givenNoArchiveYet_whenStarted_thenTheJdksOwnArchiveStaysInUse(@TempDir Path work) throws Exception {
        Path jar = probeJar(work);
        Path cache = Files.createDirectories(work.resolve("cache"));

        Run run = probe(cache, jar);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("java.lang.Object " + FROM_THE_JDKS_ARCHIVE), run.output());
        assertFalse(run.output().contains(FROM_THE_ARCHIVE), run.output());
        assertEquals(1, PackagedJvm.archives(cache).size(), "written at the stop");
    }

    @Test
    void givenGarbageInTheArchive_whenStarted_thenTheJvmStillRuns(@TempDir Path work) throws Exception {
        Path jar = probeJar(work);
        Path cache = Files.createDirectories(work.resolve("cache"));
        probe(cache, jar);
        Run second = probe(cache, jar);
        assertTrue(second.output().contains("ArchiveProbe " + FROM_THE_ARCHIVE), second.output());
        Path archive = PackagedJvm.archives(cache).get(0);

        byte[] garbage = new byte[(int) Files.size(archive)];
        new java.util.Random(14).nextBytes(garbage);
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(archive, garbage);
        Run third = probe(cache, jar);

        assertEquals(0, third.status(), third.output());
        assertTrue(third.output().contains("ARCHIVE_PROBE ran"), third.output());
        assertFalse(third.output().contains(FROM_THE_ARCHIVE), third.output());
    }

    @Test
    void givenArchiveCutShortWhileBeingWritten_whenStarted_thenItIsDeletedAndTheJvmStillRuns(@TempDir Path work)
            throws Exception {
        Path jar = probeJar(work);
        Path cache = Files.createDirectories(work.resolve("cache"));
        probe(cache, jar);
        Path written = PackagedJvm.archives(cache).get(0);
        byte[] whole = Files.readAllBytes(written);
        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r--r--"));
        // as a power cut during the write leaves it; a JVM that maps such a file dies of SIGBUS
        Files.write(written, java.util.Arrays.copyOf(whole, whole.length / 3));

        Run second = probe(cache, jar);

        assertEquals(0, second.status(), second.output());
        assertTrue(second.output().contains("ARCHIVE_PROBE ran"), second.output());
        assertTrue(second.output().contains("does not load (cut short or corrupt)"), second.output());
        assertEquals(List.of(written), PackagedJvm.archives(cache), "written again at the stop");
        Run third = probe(cache, jar);
        assertTrue(third.output().contains("ArchiveProbe " + FROM_THE_ARCHIVE), third.output());
    }

    @Test
    void givenChangedJar_whenStarted_thenTheOldArchiveGoesAndANewOneIsWritten(@TempDir Path work) throws Exception {
        Path jar = probeJar(work);
        Path cache = Files.createDirectories(work.resolve("cache"));
        probe(cache, jar);
        probe(cache, jar);
        List<Path> before = PackagedJvm.archives(cache);
        assertEquals(1, before.size(), before.toString());

        // a package upgrade replaces the jar
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 86_400_000L));
        Run run = probe(cache, jar);

        assertEquals(0, run.status(), run.output());
        assertFalse(run.output().contains(FROM_THE_ARCHIVE), "the old archive is not used: " + run.output());
        List<Path> after = PackagedJvm.archives(cache);
        assertEquals(1, after.size(), after.toString());
        assertNotEquals(before, after);
        assertTrue(after.get(0).toString().endsWith(".jsa.new"), after.toString());
    }

    @Test
    void givenJavaAgentAndNoArchiveYet_whenStarted_thenTheJvmRunsWithoutWritingOne(@TempDir Path work)
            throws Exception {
        Path jar = probeJar(work);
        Path cache = Files.createDirectories(work.resolve("cache"));

        // a JVM asked to write an archive with a Java agent refuses to start
        Run run = probe(cache, jar, "-javaagent:" + jar);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("ARCHIVE_PROBE ran"), run.output());
        assertEquals(List.of(), PackagedJvm.archives(cache));
    }

    @Test
    void givenNoCacheFolder_whenStarted_thenTheJvmRunsAsWithoutTheLauncher(@TempDir Path work) throws Exception {
        Path jar = probeJar(work);

        Run run = probe(work.resolve("no-such-cache"), jar);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("java.lang.Object " + FROM_THE_JDKS_ARCHIVE), run.output());
        assertFalse(Files.exists(work.resolve("no-such-cache")));
    }

    private Process startAgent(Path cache, Path data, List<String> javaArgs, Path log) throws Exception {
        int port = PackagedJvm.freePort();
        ProcessBuilder pb = new ProcessBuilder(PackagedJvm.throughLauncher(pkg, cache, javaArgs))
                .directory(data.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        PackagedJvm.agentEnvironment(pb.environment(), data, port);
        // an office's own (here empty) voice pack: the default one takes espeak-ng many seconds to make
        pb.environment().put("AGENT_VOICE_PACK", Files.createDirectories(data.resolve("voice-pack")).toString());
        pb.environment().put("JAVA_TOOL_OPTIONS", LOG_CLASS_SOURCES);
        long t0 = System.nanoTime();
        Process p = pb.start();
        started.add(p);
        long ms = PackagedJvm.awaitAgent(http, p, port, log, t0, Duration.ofMinutes(2));
        System.out.printf("CDS agent ready in %d ms (with class-load logging)%n", ms);
        return p;
    }

    private record Run(int status, String output) {
    }

    private static Run probe(Path cache, Path jar, String... toolOptions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(PackagedJvm.throughLauncher(pkg, cache,
                List.of("-XX:TieredStopAtLevel=1", "-jar", jar.toString()))).redirectErrorStream(true);
        pb.environment().put("JAVA_TOOL_OPTIONS", LOG_CLASS_SOURCES + " " + String.join(" ", toolOptions));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    /** A jar of its own: a folder on the class path keeps a JVM from writing an archive. */
    private static Path probeJar(Path dir) throws Exception {
        Path jar = dir.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ArchiveProbe.class.getName());
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ArchiveProbe.class.getName());
        String entry = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = ArchiveProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
