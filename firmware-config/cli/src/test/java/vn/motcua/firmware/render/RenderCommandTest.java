package vn.motcua.firmware.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.firmware.support.Cli;
import vn.motcua.firmware.support.Processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {

    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p) + " " + Files.getPosixFilePermissions(p), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static Path render(String resource, Path out) {
        Cli r = Cli.run("render", Cli.resource(resource).toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        return out;
    }

    @Test
    void givenSameFile_whenRenderedTwice_thenEveryFileIsByteIdentical(@TempDir Path dir) throws Exception {
        Map<String, byte[]> first = tree(render("kiosk-full.yaml", dir.resolve("a")));
        Map<String, byte[]> second = tree(render("kiosk-full.yaml", dir.resolve("b")));

        assertEquals(10, first.size(), first.keySet().toString());
        assertEquals(first.keySet(), second.keySet());
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), second.get(name), name);
        }
        assertFalse(Arrays.equals(first.values().iterator().next(),
                tree(render("kiosk-uart-gluon.yaml", dir.resolve("c"))).values().iterator().next()),
                "a different kiosk must render differently");
    }

    @Test
    void givenBothUiRuntimes_whenUnitsVerifiedBySystemd_thenNoErrorOrWarning(@TempDir Path dir) throws Exception {
        for (String kiosk : List.of("kiosk-full.yaml", "kiosk-uart-gluon.yaml")) {
            Path units = render(kiosk, dir.resolve(kiosk)).resolve("etc/systemd/system");
            Processes.Result r = Processes.run(List.of("systemd-analyze", "verify",
                    units.resolve("kiosk-agent.service").toString(), units.resolve("kiosk-app.service").toString(),
                    units.resolve("kiosk-timezone.service").toString()));
            assertEquals(0, r.status(), kiosk + ": " + r.output());
            assertEquals("", r.output(), kiosk);
        }
    }

    @Test
    void givenBrokenUnit_whenVerifiedBySystemd_thenTheCheckFails(@TempDir Path dir) throws Exception {
        Path units = render("kiosk-full.yaml", dir).resolve("etc/systemd/system");
        Path broken = units.resolve("kiosk-agent.service");
        Files.writeString(broken, Files.readString(broken).replace("ProtectSystem=strict", "ProtectSystem=very")
                .replace("ExecStart=/bin/sh ", "ExecStart=/usr/bin/no-such-shell "));

        Processes.Result r = Processes.run(List.of("systemd-analyze", "verify", broken.toString()));

        assertNotEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("no-such-shell"), r.output());
    }

    @Test
    void givenFullConfig_whenRendered_thenAgentIsConfinedToItsDataAndDevices(@TempDir Path dir) throws Exception {
        Path out = render("kiosk-full.yaml", dir);
        List<String> agent = Files.readAllLines(out.resolve(Renderer.AGENT_UNIT));

        for (String line : List.of("User=kiosk", "Restart=always", "WatchdogSec=60", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "ReadWritePaths=/var/lib/kiosk-agent", "DevicePolicy=closed",
                "DeviceAllow=char-gpiochip rw", "DeviceAllow=/dev/kiosk-printer rw",
                "Environment=KIOSK_CONFIG=/etc/kiosk/kiosk.yaml",
                "Environment=MALLOC_ARENA_MAX=2",
                "ExecStart=/bin/sh /usr/lib/kiosk-agent/java-cds /var/cache/kiosk-agent "
                        + "/usr/bin/java -Xmx96m -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m "
                        + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=32m "
                        + "-XX:+ExitOnOutOfMemoryError -jar /usr/share/kiosk-agent/kiosk-agent.jar",
                // ProtectSystem=strict leaves the agent no other place for its class-data archive
                "CacheDirectory=kiosk-agent")) {
            assertTrue(agent.contains(line), line + " missing from\n" + String.join("\n", agent));
        }
        assertEquals(2, agent.stream().filter(l -> l.startsWith("DeviceAllow=")).count());

        String app = Files.readString(out.resolve(Renderer.APP_UNIT));
        assertTrue(app.contains("ExecStart=/usr/bin/cage -d -s -r -- /bin/sh /usr/lib/kiosk-agent/java-cds "
                + "/var/cache/kiosk-app /usr/bin/java -Xmx160m -XX:MaxMetaspaceSize=64m "
                + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=32m "
                + "-XX:+ExitOnOutOfMemoryError -Djavafx.cachedir=/var/cache/kiosk-app "
                + "-cp /usr/share/kiosk-app/lib/*:/usr/share/kiosk-app/javafx-gtk/* vn.motcua.app.Launcher\n"), app);
        // ProtectSystem=strict leaves the screen no other place to unpack JavaFX's native libraries and keep its
        // class-data archive
        assertTrue(app.contains("\nCacheDirectory=kiosk-app\n"), app);
        assertTrue(app.contains("\nUser=kiosk\n") && app.contains("\nRestart=always\n"), app);

        assertEquals("consoleblank=0 quiet loglevel=3 logo.nologo vt.global_cursor_default=0 "
                + "video=HDMI-A-1:1080x1920@60,rotate=90\n", Files.readString(out.resolve(Renderer.CMDLINE)));
        String config = Files.readString(out.resolve(Renderer.CONFIG_TXT));
        assertTrue(config.contains("\ngpio=17,25,5,6,13,19,26=ip,pu\n") && config.contains("\ngpio=22,23,24,18=op,dl\n"), config);
        assertFalse(config.contains("enable_uart"), config);
        assertTrue(Files.readString(out.resolve(Renderer.UDEV_RULE)).contains(
                "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"0416\", ATTRS{idProduct}==\"5011\", SYMLINK+=\"kiosk-printer\", "
                        + "GROUP=\"kiosk\", MODE=\"0660\"\n"));
        assertTrue(Files.readString(out.resolve(Renderer.TIMESYNCD)).contains("\nNTP=0.vn.pool.ntp.org 1.asia.pool.ntp.org\n"));
        assertTrue(Files.readString(out.resolve(Renderer.JOURNALD)).contains("\nStorage=volatile\n"));
        assertEquals("Asia/Ho_Chi_Minh\n", Files.readString(out.resolve(Renderer.TIMEZONE)));
        assertArrayEquals(Files.readAllBytes(Cli.resource("kiosk-full.yaml")),
                Files.readAllBytes(out.resolve(Renderer.AGENT_CONFIG)));
    }

    @Test
    void givenUartPrinterAndFramebufferUi_whenRendered_thenUartIsFreedAndNoCompositorRuns(@TempDir Path dir)
            throws Exception {
        Path out = render("kiosk-uart-gluon.yaml", dir);

        String config = Files.readString(out.resolve(Renderer.CONFIG_TXT));
        assertTrue(config.contains("\nenable_uart=1\ndtoverlay=disable-bt\n"), config);
        assertTrue(config.contains("\ngpio=17,5,6,13=ip,pu\n"), config);
        assertTrue(Files.readString(out.resolve(Renderer.UDEV_RULE)).contains("SUBSYSTEM==\"tty\", KERNEL==\"ttyAMA0\", "
                + "SYMLINK+=\"kiosk-printer\""));
        assertEquals("quiet loglevel=3 logo.nologo vt.global_cursor_default=0 video=DSI-1:800x480@60,rotate=180\n",
                Files.readString(out.resolve(Renderer.CMDLINE)));
        String app = Files.readString(out.resolve(Renderer.APP_UNIT));
        assertFalse(app.contains("cage") || app.contains("javafx-gtk"), app);
        assertTrue(app.contains("\nExecStart=/bin/sh /usr/lib/kiosk-agent/java-cds /var/cache/kiosk-app /usr/bin/java "),
                app);
        assertTrue(app.contains("--module-path /opt/javafx-gluon/lib --add-modules javafx.controls -Dglass.platform=Monocle "
                + "-Dmonocle.platform=EGL"), app);
    }

    @Test
    void givenTimeZone_whenRendered_thenThePiTheAgentAndTheScreenAllUseIt(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("kiosk.yaml");
        Files.writeString(yaml, Files.readString(Cli.resource("kiosk-full.yaml"))
                .replace("timeZone: Asia/Ho_Chi_Minh", "timeZone: Asia/Bangkok"));
        Path out = dir.resolve("out");
        Cli r = Cli.run("render", yaml.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());

        assertEquals("Asia/Bangkok\n", Files.readString(out.resolve(Renderer.TIMEZONE)));
        List<String> zoneUnit = Files.readAllLines(out.resolve(Renderer.TIMEZONE_UNIT));
        assertTrue(zoneUnit.contains("ExecStart=/usr/bin/timedatectl set-timezone Asia/Bangkok"), zoneUnit.toString());
        assertTrue(zoneUnit.contains("Before=kiosk-agent.service kiosk-app.service"), zoneUnit.toString());
        List<String> app = Files.readAllLines(out.resolve(Renderer.APP_UNIT));
        assertTrue(app.contains("Environment=KIOSK_TIME_ZONE=Asia/Bangkok"), app.toString());
        assertTrue(app.stream().anyMatch(l -> l.startsWith("Wants=") && l.contains("kiosk-timezone.service")),
                app.toString());
        List<String> agent = Files.readAllLines(out.resolve(Renderer.AGENT_UNIT));
        assertTrue(agent.stream().anyMatch(l -> l.startsWith("Wants=") && l.contains("kiosk-timezone.service")),
                agent.toString());
        // the agent reads its zone from the same kiosk.yaml
        assertTrue(Files.readString(out.resolve(Renderer.AGENT_CONFIG)).contains("timeZone: Asia/Bangkok"));
    }

    @Test
    void givenInvalidFile_whenRendered_thenNothingIsWritten(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("kiosk.yaml");
        Files.writeString(yaml, "identity: {siteId: s, kioskId: k}\ngpio: {buzzer: 99}\n");

        Cli r = Cli.run("render", yaml.toString(), "--out", dir.resolve("out").toString());

        assertEquals(1, r.status());
        assertTrue(r.err().contains(":2: gpio.buzzer: GPIO 99 does not exist"), r.err());
        assertTrue(Files.notExists(dir.resolve("out")));
    }
}
