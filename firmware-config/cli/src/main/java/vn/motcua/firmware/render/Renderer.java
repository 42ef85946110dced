package vn.motcua.firmware.render;

import vn.motcua.device.KioskConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns one validated kiosk.yaml into the files of the Raspberry Pi image. Pure: the same config gives the same
 * bytes (no clock, no host name, no randomness, sorted output), so a rendered image can be diffed and audited.
 */
public final class Renderer {
    public static final String AGENT_UNIT = "etc/systemd/system/kiosk-agent.service";
    public static final String APP_UNIT = "etc/systemd/system/kiosk-app.service";
    public static final String CONFIG_TXT = "boot/firmware/config.txt.kiosk";
    public static final String CMDLINE = "boot/firmware/cmdline.txt.kiosk";
    public static final String UDEV_RULE = "etc/udev/rules.d/60-kiosk-printer.rules";
    public static final String AGENT_CONFIG = "etc/kiosk/kiosk.yaml";
    public static final String TIMESYNCD = "etc/systemd/timesyncd.conf.d/50-kiosk.conf";
    public static final String JOURNALD = "etc/systemd/journald.conf.d/50-kiosk.conf";
    public static final String TIMEZONE = "etc/timezone";
    public static final String TIMEZONE_UNIT = "etc/systemd/system/kiosk-timezone.service";
    public static final String TIMEDATECTL = "/usr/bin/timedatectl";

    public static final String USER = "kiosk";
    public static final String JAVA = "/usr/bin/java";
    /**
     * kiosk-agent's launcher that gives the JVM a class-data archive of the program's own classes when one was made
     * on this device, and has the JVM make it otherwise (kiosk-agent's src/deb/lib/java-cds says how). Started
     * through the shell so that the unit does not name a file that only the package brings.
     */
    public static final String JAVA_CDS = "/bin/sh /usr/lib/kiosk-agent/java-cds";
    /** The agent's systemd CacheDirectory: its class-data archive. */
    public static final String AGENT_CACHE = "/var/cache/kiosk-agent";
    public static final String AGENT_JAR = "/usr/share/kiosk-agent/kiosk-agent.jar";
    public static final String APP_LIB = "/usr/share/kiosk-app/lib";
    /** JavaFX's GTK build for the Pi (linux-aarch64); kept apart so that the Gluon runtime never sees it. */
    public static final String APP_JAVAFX_GTK = "/usr/share/kiosk-app/javafx-gtk";
    public static final String APP_MAIN_CLASS = "vn.motcua.app.Launcher";
    public static final String CAGE = "/usr/bin/cage";
    /**
     * Where JavaFX's GTK build unpacks its native libraries and the screen keeps its class-data archive: a systemd
     * CacheDirectory, kept across restarts.
     */
    public static final String APP_CACHE = "/var/cache/kiosk-app";
    /**
     * The JVM settings of both units, chosen with the memory benchmark (firmware-config/packaging/test,
     * MemoryBudgetBenchmark) so that agent and screen stay under 450 MB resident together on a 1 GB Pi: the serial
     * collector (no concurrent GC threads or remembered sets), the client compiler only (a smaller code cache, no C2
     * threads, a faster start), small thread stacks, and caps on metaspace, code cache and, for the agent, Netty's
     * direct buffers. An OutOfMemoryError ends the JVM, and systemd starts it again.
     */
    static final String JVM_COMMON = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=32m"
            + " -XX:+ExitOnOutOfMemoryError";
    static final String AGENT_JVM_LIMITS = "-XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=32m";
    static final String APP_JVM_LIMITS = "-XX:MaxMetaspaceSize=64m";
    /** glibc's per-thread malloc arenas hold memory the JVM has long freed; two are plenty for these programs. */
    static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX=2";
    public static final String KIOSK_YAML_ON_DEVICE = "/" + AGENT_CONFIG;

    private final KioskConfig config;
    private final String header;

    private Renderer(KioskConfig config) {
        this.config = config;
        this.header = "# kiosk " + config.identity().siteId() + "/" + config.identity().kioskId()
                + ": rendered by firmware-config from kiosk.yaml; edit kiosk.yaml and render again instead of this file\n";
    }

    /**
     * @param kioskYaml the validated file's text, installed as it is for the agent and the app to read
     * @return relative path → content, in path order
     */
    public static SortedMap<String, String> render(KioskConfig config, String kioskYaml) {
        Renderer r = new Renderer(config);
        SortedMap<String, String> files = new TreeMap<>();
        files.put(CONFIG_TXT, r.configTxt());
        files.put(CMDLINE, r.cmdline());
        files.put(AGENT_UNIT, r.agentUnit());
        files.put(APP_UNIT, r.appUnit());
        files.put(UDEV_RULE, r.udevRule());
        files.put(AGENT_CONFIG, kioskYaml);
        files.put(TIMESYNCD, r.timesyncd());
        files.put(JOURNALD, r.journald());
        files.put(TIMEZONE, config.timeZone() + "\n");
        files.put(TIMEZONE_UNIT, r.timeZoneUnit());
        return files;
    }

    private String configTxt() {
        KioskConfig.Gpio g = config.gpio();
        List<Integer> inputs = new ArrayList<>(List.of(g.ticketButton()));
        if (g.paperSensor() != null) {
            inputs.add(g.paperSensor());
        }
        inputs.addAll(g.ratingButtons());
        StringBuilder s = new StringBuilder(header)
                .append("# Append to /boot/firmware/config.txt.\n")
                .append("[all]\n")
                .append("dtoverlay=vc4-kms-v3d\n")
                .append("disable_splash=1\n")
                .append("# Buttons and paper sensor: inputs with pull-up from power-on.\n")
                .append("gpio=").append(join(inputs)).append("=ip,pu\n")
                .append("# LEDs and buzzer: outputs held low from power-on, so the buzzer stays silent while booting.\n")
                .append("gpio=").append(join(List.of(g.ledGreen(), g.ledAmber(), g.ledRed(), g.buzzer()))).append("=op,dl\n");
        if (config.printer().onUart()) {
            s.append("# Printer on the UART (GPIO 14/15): the full PL011 UART, Bluetooth off.\n")
                    .append("enable_uart=1\n")
                    .append("dtoverlay=disable-bt\n");
        }
        return s.toString();
    }

    private String cmdline() {
        KioskConfig.Display d = config.display();
        List<String> words = new ArrayList<>();
        if (!d.blanking()) {
            words.add("consoleblank=0");
        }
        words.add("quiet");
        words.add("loglevel=3");
        words.add("logo.nologo");
        words.add("vt.global_cursor_default=0");
        words.add("video=" + d.output() + ":" + d.width() + "x" + d.height() + "@60"
                + (d.orientation() == 0 ? "" : ",rotate=" + d.orientation()));
        return String.join(" ", words) + "\n";
    }

    private String agentUnit() {
        KioskConfig c = config;
        return header
                + "[Unit]\n"
                + "Description=Kiosk agent of " + c.identity().siteId() + "/" + c.identity().kioskId()
                + ": queue, ratings, printer, GPIO and sync\n"
                + "After=network-online.target time-sync.target kiosk-timezone.service\n"
                + "Wants=network-online.target kiosk-timezone.service\n"
                + "ConditionPathExists=" + KIOSK_YAML_ON_DEVICE + "\n"
                + "StartLimitIntervalSec=0\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "User=" + USER + "\n"
                + "Group=" + USER + "\n"
                + "Environment=KIOSK_CONFIG=" + KIOSK_YAML_ON_DEVICE + "\n"
                + "WorkingDirectory=" + c.agent().dataDir() + "\n"
                + "Environment=" + MALLOC_ARENAS + "\n"
                + "ExecStart=" + JAVA_CDS + " " + AGENT_CACHE + " " + JAVA + " -Xmx" + c.jvm().agentHeapMb() + "m "
                + AGENT_JVM_LIMITS + " " + JVM_COMMON + " -jar " + AGENT_JAR + "\n"
                + "# The class-data archive that shortens the agent's start (written when the agent stops).\n"
                + "CacheDirectory=" + AGENT_CACHE.substring("/var/cache/".length()) + "\n"
                + "Restart=always\n"
                + "RestartSec=2\n"
                + "WatchdogSec=" + c.agent().watchdogSeconds() + "\n"
                + "# The agent's keep-alives reach systemd through a socat child process, hence all.\n"
                + "NotifyAccess=all\n"
                + "NoNewPrivileges=yes\n"
                + "ProtectSystem=strict\n"
                + "ProtectHome=yes\n"
                + "PrivateTmp=yes\n"
                + "ReadWritePaths=" + c.agent().dataDir() + "\n"
                + "DevicePolicy=closed\n"
                + "DeviceAllow=char-gpiochip rw\n"
                + "DeviceAllow=" + KioskConfig.Printer.STABLE_PATH + " rw\n"
                + "ProtectKernelTunables=yes\n"
                + "ProtectKernelModules=yes\n"
                + "ProtectControlGroups=yes\n"
                + "RestrictSUIDSGID=yes\n"
                + "LockPersonality=yes\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    private String appUnit() {
        KioskConfig c = config;
        String java = JAVA_CDS + " " + APP_CACHE + " " + JAVA + " -Xmx" + c.jvm().appHeapMb() + "m " + APP_JVM_LIMITS
                + " " + JVM_COMMON;
        String execStart;
        if (c.ui().runtime().equals(KioskConfig.Ui.GLUON_FRAMEBUFFER)) {
            execStart = java + " --module-path " + c.ui().javafxDir() + " --add-modules javafx.controls"
                    + " -Dglass.platform=Monocle -Dmonocle.platform=EGL -Dembedded=monocle -Dprism.order=es2"
                    + " -cp " + APP_LIB + "/* " + APP_MAIN_CLASS;
        } else {
            // cage turns the output itself: the kernel's rotate= reaches only the text console.
            String rotate = " -r".repeat(c.display().orientation() / 90);
            execStart = CAGE + " -d -s" + rotate + " -- " + java + " -Djavafx.cachedir=" + APP_CACHE
                    + " -cp " + APP_LIB + "/*:" + APP_JAVAFX_GTK + "/* " + APP_MAIN_CLASS;
        }
        return header
                + "[Unit]\n"
                + "Description=Kiosk touchscreen of " + c.identity().siteId() + "/" + c.identity().kioskId()
                + " (" + c.ui().runtime() + ")\n"
                + "After=kiosk-agent.service kiosk-timezone.service systemd-user-sessions.service getty@tty1.service\n"
                + "Wants=kiosk-agent.service kiosk-timezone.service\n"
                + "Conflicts=getty@tty1.service\n"
                + "ConditionPathExists=" + KIOSK_YAML_ON_DEVICE + "\n"
                + "StartLimitIntervalSec=0\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "User=" + USER + "\n"
                + "Group=" + USER + "\n"
                + "# A login session on tty1 gives the screen and the touch input to the kiosk user.\n"
                + "PAMName=login\n"
                + "TTYPath=/dev/tty1\n"
                + "UtmpIdentifier=tty1\n"
                + "UtmpMode=user\n"
                + "StandardInput=tty-fail\n"
                + "StandardOutput=journal\n"
                + "StandardError=journal\n"
                + "Environment=KIOSK_CONFIG=" + KIOSK_YAML_ON_DEVICE + "\n"
                + "Environment=AGENT_HTTP_PORT=" + c.agent().httpPort() + "\n"
                + "Environment=KIOSK_IDLE_TIMEOUT_SECONDS=" + c.app().idleTimeoutSeconds() + "\n"
                + "Environment=KIOSK_LANGUAGES=" + String.join(",", c.app().languages()) + "\n"
                + "Environment=KIOSK_TIME_ZONE=" + c.timeZone() + "\n"
                + "Environment=" + MALLOC_ARENAS + "\n"
                + "ExecStart=" + execStart + "\n"
                + "# JavaFX unpacks its native libraries here, and the screen keeps its class-data archive; the rest of\n"
                + "# the system is read-only to the screen.\n"
                + "CacheDirectory=" + APP_CACHE.substring("/var/cache/".length()) + "\n"
                + "Restart=always\n"
                + "RestartSec=2\n"
                + "NoNewPrivileges=yes\n"
                + "ProtectSystem=strict\n"
                + "ProtectHome=yes\n"
                + "PrivateTmp=yes\n"
                + "# The Wayland socket lives in the session's runtime folder.\n"
                + "ReadWritePaths=/run/user\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=graphical.target\n";
    }

    /**
     * Sets the Pi's own zone (the /etc/localtime link, /etc/timezone) from kiosk.yaml before the agent and the screen
     * start, so the system's clock, logs and anything that reads the system zone agree with the kiosk's.
     * Pulled in by both kiosk units; nothing to enable.
     */
    private String timeZoneUnit() {
        return header
                + "[Unit]\n"
                + "Description=Time zone of kiosk " + config.identity().siteId() + "/" + config.identity().kioskId()
                + " (" + config.timeZone() + ")\n"
                + "Before=kiosk-agent.service kiosk-app.service\n"
                + "\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "RemainAfterExit=yes\n"
                + "ExecStart=" + TIMEDATECTL + " set-timezone " + config.timeZone() + "\n";
    }

    private String udevRule() {
        KioskConfig.Printer p = config.printer();
        String device = p.port().substring("/dev/".length());
        String match;
        if (p.usbVendorId() != null) {
            String subsystem = device.startsWith("usb/lp") ? "usbmisc" : "tty";
            match = "SUBSYSTEM==\"" + subsystem + "\", ATTRS{idVendor}==\"" + p.usbVendorId()
                    + "\", ATTRS{idProduct}==\"" + p.usbProductId() + "\"";
        } else if (p.onUart()) {
            // /dev/serial0 is itself a link; with disable-bt it points at the PL011 UART.
            match = "SUBSYSTEM==\"tty\", KERNEL==\"ttyAMA0\"";
        } else {
            match = "KERNEL==\"" + device.replace("usb/", "") + "\"";
        }
        return header
                + "# The printer (" + p.port() + ", " + p.paperWidthMm() + " mm, " + p.profile() + ") as "
                + KioskConfig.Printer.STABLE_PATH + ", readable and writable by the kiosk group only.\n"
                + match + ", SYMLINK+=\"" + KioskConfig.Printer.STABLE_PATH.substring("/dev/".length())
                + "\", GROUP=\"" + USER + "\", MODE=\"0660\"\n";
    }

    private String timesyncd() {
        return header
                + "[Time]\n"
                + "NTP=" + String.join(" ", config.time().ntpServers()) + "\n"
                + "FallbackNTP=" + String.join(" ", KioskConfig.Time.DEFAULT_NTP_SERVERS) + "\n";
    }

    private String journald() {
        return header
                + "# Logs in RAM only: the SD card sees no log writes and wears less. The central service keeps the\n"
                + "# kiosk's history; what a crash leaves is read with journalctl before the next reboot.\n"
                + "[Journal]\n"
                + "Storage=volatile\n"
                + "RuntimeMaxUse=32M\n"
                + "RuntimeMaxFileSize=8M\n"
                + "MaxRetentionSec=7day\n"
                + "ForwardToSyslog=no\n"
                + "Compress=yes\n";
    }

    private static String join(List<Integer> pins) {
        return pins.stream().map(p -> String.format(Locale.ROOT, "%d", p)).collect(Collectors.joining(","));
    }
}
