package vn.motcua.firmware.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packages as an installer gets them, checked with Debian's own tools. */
class DebPackagesTest {
    private static final Path PACKAGING = Path.of("..").toAbsolutePath().normalize();
    private static final Path README = PACKAGING.resolve("../README.md").normalize();

    private record Run(int status, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Run(p.exitValue(), output);
    }

    private static Path deb(String name) throws IOException {
        try (Stream<Path> files = Files.list(PACKAGING.resolve(name).resolve("target"))) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches(name + "_.*_all\\.deb")).toList();
            assertEquals(1, debs.size(), "one " + name + " package expected in " + PACKAGING.resolve(name) + "/target");
            return debs.get(0);
        }
    }

    /** The lines of the README's code block that follows {@code <!-- deb-contents:NAME -->}. */
    private static List<String> documentedContents(String name) throws IOException {
        List<String> lines = Files.readAllLines(README);
        int marker = lines.indexOf("<!-- deb-contents:" + name + " -->");
        assertTrue(marker >= 0, README + " has no deb-contents marker for " + name);
        List<String> files = new ArrayList<>();
        for (int i = marker + 2; !lines.get(i).startsWith("```"); i++) {
            files.add(lines.get(i).strip());
        }
        return files;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk-agent", "kiosk-app"})
    void givenPackage_whenFieldsRead_thenItIsArchitectureAllAndNeedsDebiansJava17(String name) throws Exception {
        Run r = run("dpkg-deb", "--field", deb(name).toString(), "Package", "Architecture", "Depends");

        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Package: " + name + "\n"), r.output());
        assertTrue(r.output().contains("Architecture: all\n"), r.output());
        assertTrue(r.output().contains("Depends: openjdk-17-jre-headless | java17-runtime-headless, adduser"), r.output());
    }

    @Test
    void givenTheAgentPackage_whenItsDependenciesAreRead_thenEspeakNgComesWithIt_forTheDefaultVoicePack()
            throws Exception {
        Run r = run("dpkg-deb", "--field", deb("kiosk-agent").toString(), "Depends");

        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().matches("(?s).*\\bespeak-ng\\b.*"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk-agent", "kiosk-app"})
    void givenPackage_whenContentsListed_thenTheFilesAreExactlyThoseTheReadmeNames(String name) throws Exception {
        Run r = run("dpkg-deb", "--contents", deb(name).toString());
        assertEquals(0, r.status(), r.output());

        List<String> files = r.output().lines().filter(l -> !l.startsWith("d"))
                .map(l -> l.substring(l.indexOf("./") + 1)).sorted().toList();
        List<String> documented = documentedContents(name);
        List<String> exact = documented.stream().filter(l -> !l.contains("*")).sorted().toList();
        // A line like /usr/share/kiosk-app/lib/*.jar stands for the module's runtime jars, whichever they are.
        List<Pattern> globs = documented.stream().filter(l -> l.contains("*"))
                .map(l -> Pattern.compile(Pattern.quote(l).replace("*", "\\E[^/]+\\Q"))).toList();

        assertTrue(files.containsAll(exact), "documented but not packaged: "
                + exact.stream().filter(f -> !files.contains(f)).toList());
        for (Pattern glob : globs) {
            assertTrue(files.stream().anyMatch(f -> glob.matcher(f).matches()), glob + " matches nothing in " + files);
        }
        List<String> undocumented = files.stream().filter(f -> !exact.contains(f))
                .filter(f -> globs.stream().noneMatch(g -> g.matcher(f).matches())).toList();
        assertEquals(List.of(), undocumented, "packaged but not in " + README);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk-agent", "kiosk-app"})
    void givenPackage_whenLintianChecksIt_thenNoErrors(String name) throws Exception {
        Run r = run("lintian", "--fail-on", "error", deb(name).toString());

        assertEquals(0, r.status(), r.output());
        assertFalse(r.output().lines().anyMatch(l -> l.startsWith("E:")), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk-agent", "kiosk-app"})
    void givenPackage_whenUnpacked_thenItsUnitPassesSystemdVerifyAndScriptsParse(String name, @TempDir Path dir)
            throws Exception {
        assertEquals(0, run("dpkg-deb", "-x", deb(name).toString(), dir.resolve("root").toString()).status());
        assertEquals(0, run("dpkg-deb", "-e", deb(name).toString(), dir.resolve("control").toString()).status());

        Run verify = run("systemd-analyze", "verify", dir.resolve("root/lib/systemd/system/" + name + ".service").toString());
        assertEquals(0, verify.status(), verify.output());
        assertEquals("", verify.output());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = dir.resolve("control").resolve(script);
            assertTrue(Files.isExecutable(file), script + " must be executable");
            Run syntax = run("sh", "-n", file.toString());
            assertEquals(0, syntax.status(), script + ": " + syntax.output());
        }
        String postinst = Files.readString(dir.resolve("control/postinst"));
        assertTrue(postinst.contains("deb-systemd-helper enable " + name + ".service"), postinst);
    }

    @Test
    void givenAppPackage_whenItsLibJarsRead_thenNoneCarriesTheBuildMachinesJavaFx(@TempDir Path dir) throws Exception {
        assertEquals(0, run("dpkg-deb", "-x", deb("kiosk-app").toString(), dir.toString()).status());

        // JavaFX comes only from javafx-gtk/ (linux-aarch64): an x86 copy earlier on the class path wins, and the
        // screen finds no usable graphics pipeline on the Pi
        try (Stream<Path> jars = Files.list(dir.resolve("usr/share/kiosk-app/lib"))) {
            for (Path jar : jars.toList()) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                    List<String> javafx = zip.stream().map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.startsWith("javafx/") || n.startsWith("com/sun/glass/") || n.endsWith(".so"))
                            .limit(3).toList();
                    assertEquals(List.of(), javafx, jar.getFileName() + " carries JavaFX");
                }
            }
        }
    }

    @Test
    void givenAppPackage_whenJavaFxNativesRead_thenNoneNeedsANewerGlibcThanBookworms(@TempDir Path dir) throws Exception {
        assertEquals(0, run("dpkg-deb", "-x", deb("kiosk-app").toString(), dir.toString()).status());
        Pattern glibc = Pattern.compile("GLIBC_2\\.(\\d+)");
        List<String> tooNew = new ArrayList<>();
        int libraries = 0;

        try (Stream<Path> jars = Files.list(dir.resolve("usr/share/kiosk-app/javafx-gtk"))) {
            for (Path jar : jars.toList()) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                    for (java.util.zip.ZipEntry e : zip.stream().filter(e -> e.getName().endsWith(".so")).toList()) {
                        libraries++;
                        String text = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
                        java.util.regex.Matcher m = glibc.matcher(text);
                        while (m.find()) {
                            if (Integer.parseInt(m.group(1)) > BOOKWORM_GLIBC_MINOR) {
                                tooNew.add(e.getName() + " needs " + m.group());
                            }
                        }
                    }
                }
            }
        }

        assertTrue(libraries > 0, "no native libraries in javafx-gtk");
        assertEquals(List.of(), tooNew.stream().distinct().toList(), "Bookworm has glibc 2." + BOOKWORM_GLIBC_MINOR);
    }

    /** Debian 12 and Raspberry Pi OS Bookworm ship glibc 2.36. */
    private static final int BOOKWORM_GLIBC_MINOR = 36;
}
