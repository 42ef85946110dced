package vn.motcua.device;

import java.util.List;
import java.util.Objects;

/**
 * The device configuration of one kiosk (kiosk.yaml): who it is, which broker it talks to, its hardware wiring,
 * screen, app settings and runtime. Read it with {@link KioskConfigLoader}; every instance that loader returns has
 * passed validation. Every section has defaults, so a file with only {@code identity} is a working kiosk.
 */
public record KioskConfig(Identity identity, Broker broker, Agent agent, String timeZone, Time time, Gpio gpio,
                          Printer printer, Display display, App app, Jvm jvm, Ui ui) {
    public static final String DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

    public KioskConfig {
        Objects.requireNonNull(identity, "identity");
        broker = broker == null ? Broker.defaults() : broker;
        agent = agent == null ? Agent.defaults() : agent;
        timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
        time = time == null ? Time.defaults() : time;
        gpio = gpio == null ? Gpio.defaults() : gpio;
        printer = printer == null ? Printer.defaults() : printer;
        display = display == null ? Display.defaults() : display;
        app = app == null ? App.defaults() : app;
        jvm = jvm == null ? Jvm.defaults() : jvm;
        ui = ui == null ? Ui.defaults() : ui;
    }

    /** The kiosk's name on the broker and in every topic: {@code kiosk/v1/{siteId}/{kioskId}/…}. */
    public record Identity(String siteId, String kioskId) {
        public Identity {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(kioskId, "kioskId");
        }
    }

    /**
     * @param url          {@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://} with host and port
     * @param username     broker login, or null for an anonymous broker on this machine
     * @param passwordFile file holding the broker password (kept out of kiosk.yaml), or null
     * @param caCertFile   PEM bundle of the broker's certificate authority, or null for the system trust store
     */
    public record Broker(String url, String username, String passwordFile, String caCertFile) {
        public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";

        public Broker {
            url = url == null ? DEFAULT_URL : url;
        }

        public Broker(String url, String username, String passwordFile) {
            this(url, username, passwordFile, null);
        }

        public static Broker defaults() {
            return new Broker(null, null, null, null);
        }
    }

    /**
     * @param httpPort        the agent's local API port (bound to 127.0.0.1)
     * @param dataDir         folder of the agent's SQLite file
     * @param watchdogSeconds systemd restarts the agent when it has not reported alive for this long
     */
    public record Agent(int httpPort, String dataDir, int watchdogSeconds) {
        public static final int DEFAULT_HTTP_PORT = 8081;
        public static final String DEFAULT_DATA_DIR = "/var/lib/kiosk-agent";
        public static final int DEFAULT_WATCHDOG_SECONDS = 60;

        public Agent {
            dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        }

        public Agent(int httpPort, String dataDir) {
            this(httpPort, dataDir, DEFAULT_WATCHDOG_SECONDS);
        }

        public static Agent defaults() {
            return new Agent(DEFAULT_HTTP_PORT, null, DEFAULT_WATCHDOG_SECONDS);
        }
    }

    /** A Raspberry Pi has no real-time clock: these servers set it at every boot. */
    public record Time(List<String> ntpServers) {
        public static final List<String> DEFAULT_NTP_SERVERS = List.of("0.vn.pool.ntp.org", "1.asia.pool.ntp.org");

        public Time {
            ntpServers = ntpServers == null ? DEFAULT_NTP_SERVERS : List.copyOf(ntpServers);
        }

        public static Time defaults() {
            return new Time(null);
        }
    }

    /**
     * The wiring, as BCM GPIO numbers of the 40-pin header (not physical pin numbers). The LEDs show green ready,
     * amber degraded (e.g. offline, paper low), red fault.
     *
     * @param paperSensor   the printer's paper-out line, or null when the kiosk has none (the printer is asked instead)
     * @param ratingButtons from the best level to the worst; empty when rating happens on the touchscreen only
     */
    public record Gpio(int ticketButton, int ledGreen, int ledAmber, int ledRed, int buzzer, Integer paperSensor,
                       List<Integer> ratingButtons) {
        public static final int DEFAULT_TICKET_BUTTON = 17;
        public static final int DEFAULT_LED_GREEN = 22;
        public static final int DEFAULT_LED_AMBER = 23;
        public static final int DEFAULT_LED_RED = 24;
        public static final int DEFAULT_BUZZER = 18;
        public static final List<Integer> DEFAULT_RATING_BUTTONS = List.of(5, 6, 13, 19, 26);

        public Gpio {
            ratingButtons = ratingButtons == null ? DEFAULT_RATING_BUTTONS : List.copyOf(ratingButtons);
        }

        public static Gpio defaults() {
            return new Gpio(DEFAULT_TICKET_BUTTON, DEFAULT_LED_GREEN, DEFAULT_LED_AMBER, DEFAULT_LED_RED, DEFAULT_BUZZER,
                    null, null);
        }
    }

    /**
     * @param port         device of the thermal printer: a USB serial adapter ({@code /dev/ttyUSB0},
     *                     {@code /dev/ttyACM0}), a USB printer ({@code /dev/usb/lp0}) or the Pi's UART
     *                     ({@code /dev/serial0})
     * @param usbVendorId  4 hex digits, with {@code usbProductId}: gives a USB printer a stable name however it is
     *                     plugged; null matches by kernel name
     * @param paperWidthMm 58 or 80
     * @param profile      the printer's command dialect
     */
    public record Printer(String port, int baud, int paperWidthMm, String profile, String usbVendorId,
                          String usbProductId) {
        public static final String DEFAULT_PORT = "/dev/ttyUSB0";
        public static final int DEFAULT_BAUD = 9600;
        public static final int DEFAULT_PAPER_WIDTH_MM = 80;
        public static final String DEFAULT_PROFILE = "generic";
        /** The stable name the udev rule gives the printer; the agent opens this, never the kernel name. */
        public static final String STABLE_PATH = "/dev/kiosk-printer";

        public Printer {
            port = port == null ? DEFAULT_PORT : port;
            profile = profile == null ? DEFAULT_PROFILE : profile;
        }

        public static Printer defaults() {
            return new Printer(null, DEFAULT_BAUD, DEFAULT_PAPER_WIDTH_MM, null, null, null);
        }

        /** The Pi's own UART: GPIO 14 and 15 are then taken. */
        public boolean onUart() {
            return port.equals("/dev/serial0") || port.equals("/dev/ttyAMA0") || port.equals("/dev/ttyS0");
        }
    }

    /**
     * @param output      the DRM connector of the screen: HDMI-A-1, HDMI-A-2, DSI-1 or DSI-2
     * @param orientation rotation in degrees: 0, 90, 180 or 270
     * @param blanking    whether the screen may go dark when idle; a kiosk screen normally never does
     */
    public record Display(String output, int orientation, int width, int height, boolean blanking) {
        public static final String DEFAULT_OUTPUT = "HDMI-A-1";

        public Display {
            output = output == null ? DEFAULT_OUTPUT : output;
        }

        public static Display defaults() {
            return new Display(null, 0, 1920, 1080, false);
        }
    }

    /**
     * @param languages    the first one is the language the screen starts in
     * @param staffPinHash PBKDF2 hash of the staff PIN ({@code pbkdf2-sha256$iterations$salt$hash}, Base64), or
     *                     null when the staff menu stays locked
     */
    public record App(int idleTimeoutSeconds, List<String> languages, String staffPinHash) {
        public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
        public static final List<String> DEFAULT_LANGUAGES = List.of("vi", "en");

        public App {
            languages = languages == null ? DEFAULT_LANGUAGES : List.copyOf(languages);
        }

        public static App defaults() {
            return new App(DEFAULT_IDLE_TIMEOUT_SECONDS, null, null);
        }
    }

    /**
     * Maximum heap of each JVM, in MiB. The defaults come from the memory benchmark (firmware-config/packaging/test,
     * MemoryBudgetBenchmark): with them agent and screen stay under 450 MB resident together, which a 1 GB Pi 3B+
     * affords beside Raspberry Pi OS Lite and cage.
     */
    public record Jvm(int agentHeapMb, int appHeapMb) {
        public static final int DEFAULT_AGENT_HEAP_MB = 96;
        public static final int DEFAULT_APP_HEAP_MB = 160;

        public static Jvm defaults() {
            return new Jvm(DEFAULT_AGENT_HEAP_MB, DEFAULT_APP_HEAP_MB);
        }
    }

    /**
     * @param runtime     {@code cage-gtk}: the JavaFX GTK build in the {@code cage} Wayland kiosk compositor;
     *                    {@code gluon-framebuffer}: Gluon's JavaFX on DRM/EGL, no compositor at all
     * @param javafxDir   folder of the JavaFX modules (the Gluon SDK's {@code lib}) for {@code gluon-framebuffer}
     */
    public record Ui(String runtime, String javafxDir) {
        public static final String CAGE_GTK = "cage-gtk";
        public static final String GLUON_FRAMEBUFFER = "gluon-framebuffer";
        public static final List<String> RUNTIMES = List.of(CAGE_GTK, GLUON_FRAMEBUFFER);
        public static final String DEFAULT_JAVAFX_DIR = "/opt/javafx-gluon/lib";

        public Ui {
            runtime = runtime == null ? CAGE_GTK : runtime;
            javafxDir = javafxDir == null ? DEFAULT_JAVAFX_DIR : javafxDir;
        }

        public static Ui defaults() {
            return new Ui(null, null);
        }
    }
}
