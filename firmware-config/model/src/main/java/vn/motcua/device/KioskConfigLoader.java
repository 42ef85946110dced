package vn.motcua.device;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads kiosk.yaml into a {@link KioskConfig}. Validation does not stop at the first problem: it collects every
 * error, each with its line, its key and what is allowed, so one edit fixes the whole file.
 */
public final class KioskConfigLoader {
    /*
     * Same alphabet as the MQTT contract's topic ids (vn.motcua.protocol.Topics): ids are topic levels and broker
     * logins. Duplicated on purpose so this model stays free of the protocol module.
     */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,129}");
    static final Pattern HOST = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    static final Pattern PRINTER_PORT = Pattern.compile("/dev/(ttyUSB[0-9]+|ttyACM[0-9]+|usb/lp[0-9]+|serial0|ttyAMA0|ttyS0)");
    static final Pattern USB_ID = Pattern.compile("[0-9a-f]{4}");
    static final Pattern PIN_HASH = PinHash.FORMAT;
    static final Set<String> URL_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** BCM GPIO numbers on the 40-pin header of every Raspberry Pi since the B+; 0 and 1 belong to the HAT EEPROM. */
    public static final int FIRST_GPIO = 2;
    public static final int LAST_GPIO = 27;
    public static final int UART_TX_GPIO = 14;
    public static final int UART_RX_GPIO = 15;

    static final List<String> ROOT_KEYS = List.of("identity", "broker", "agent", "timeZone", "time", "gpio", "printer",
            "display", "app", "jvm", "ui");
    static final List<String> IDENTITY_KEYS = List.of("siteId", "kioskId");
    static final List<String> BROKER_KEYS = List.of("url", "username", "passwordFile", "caCertFile");
    static final List<String> AGENT_KEYS = List.of("httpPort", "dataDir", "watchdogSeconds");
    static final List<String> TIME_KEYS = List.of("ntpServers");
    static final List<String> GPIO_KEYS = List.of("ticketButton", "ledGreen", "ledAmber", "ledRed", "buzzer",
            "paperSensor", "ratingButtons");
    static final List<String> PRINTER_KEYS = List.of("port", "baud", "paperWidthMm", "profile", "usbVendorId",
            "usbProductId");
    static final List<String> DISPLAY_KEYS = List.of("output", "orientation", "width", "height", "blanking");
    static final List<String> APP_KEYS = List.of("idleTimeoutSeconds", "languages", "staffPinHash");
    static final List<String> JVM_KEYS = List.of("agentHeapMb", "appHeapMb");
    static final List<String> UI_KEYS = List.of("runtime", "javafxDir");

    public static final List<Integer> BAUD_RATES = List.of(9600, 19200, 38400, 57600, 115200);
    public static final List<Integer> PAPER_WIDTHS_MM = List.of(58, 80);
    public static final List<String> PRINTER_PROFILES = List.of("generic", "epson", "xprinter");
    public static final List<String> DISPLAY_OUTPUTS = List.of("HDMI-A-1", "HDMI-A-2", "DSI-1", "DSI-2");
    public static final List<Integer> ORIENTATIONS = List.of(0, 90, 180, 270);
    public static final List<String> LANGUAGES = List.of("vi", "en");

    private KioskConfigLoader() {
    }

    public static KioskConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KioskConfigException(file.toString(),
                    List.of("(root): cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
        return parse(text, file.toString());
    }

    /** @param source names the file in error messages */
    public static KioskConfig parse(String yaml, String source) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw KioskConfigException.of(source, List.of(new ConfigProblem(line, "(root)",
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw KioskConfigException.of(source, List.of(new ConfigProblem(0, "(root)",
                    "not valid YAML: " + e.getMessage().replace('\n', ' '))));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        if (root == null) {
            problems.add(new ConfigProblem(1, "(root)", "must be a mapping with keys " + String.join(", ", ROOT_KEYS)
                    + " (the file is empty)"));
            throw KioskConfigException.of(source, problems);
        }
        KioskConfig config = read(YamlSection.of(root, "", ROOT_KEYS, problems), problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
            throw KioskConfigException.of(source, problems);
        }
        return config;
    }

    private static KioskConfig read(YamlSection top, List<ConfigProblem> problems) {
        if (!top.has("identity")) {
            top.problem(top.lineOf("identity"), "identity", "is required (with siteId and kioskId)");
        }
        YamlSection identity = top.section("identity", IDENTITY_KEYS);
        String siteId = id(identity, "siteId", top.has("identity"));
        String kioskId = id(identity, "kioskId", top.has("identity"));

        KioskConfig.Broker broker = broker(top.section("broker", BROKER_KEYS));

        YamlSection a = top.section("agent", AGENT_KEYS);
        KioskConfig.Agent agent = new KioskConfig.Agent(
                a.integer("httpPort", KioskConfig.Agent.DEFAULT_HTTP_PORT, 1, 65535, ""),
                a.absolutePath("dataDir"),
                a.integer("watchdogSeconds", KioskConfig.Agent.DEFAULT_WATCHDOG_SECONDS, 10, 600, " seconds"));

        String timeZone = zone(top);
        KioskConfig.Time time = new KioskConfig.Time(ntpServers(top.section("time", TIME_KEYS)));
        KioskConfig.Printer printer = printer(top.section("printer", PRINTER_KEYS));
        KioskConfig.Gpio gpio = gpio(top.section("gpio", GPIO_KEYS), printer);

        YamlSection d = top.section("display", DISPLAY_KEYS);
        KioskConfig.Display display = new KioskConfig.Display(d.oneOf("output", DISPLAY_OUTPUTS),
                d.integerIn("orientation", 0, ORIENTATIONS, " degrees"),
                d.integer("width", 1920, 240, 7680, " pixels"), d.integer("height", 1080, 240, 7680, " pixels"),
                d.bool("blanking", false));

        KioskConfig.App app = app(top.section("app", APP_KEYS));

        YamlSection j = top.section("jvm", JVM_KEYS);
        KioskConfig.Jvm jvm = new KioskConfig.Jvm(
                j.integer("agentHeapMb", KioskConfig.Jvm.DEFAULT_AGENT_HEAP_MB, 64, 2048, " MiB"),
                j.integer("appHeapMb", KioskConfig.Jvm.DEFAULT_APP_HEAP_MB, 128, 4096, " MiB"));

        YamlSection u = top.section("ui", UI_KEYS);
        KioskConfig.Ui ui = new KioskConfig.Ui(u.oneOf("runtime", KioskConfig.Ui.RUNTIMES), u.absolutePath("javafxDir"));

        if (!problems.isEmpty()) {
            return null;
        }
        return new KioskConfig(new KioskConfig.Identity(siteId, kioskId), broker, agent, timeZone, time, gpio,
                printer, display, app, jvm, ui);
    }

    private static String id(YamlSection section, String name, boolean required) {
        String value = section.string(name, required, "");
        if (value != null && !ID.matcher(value).matches()) {
            section.problem(section.value(name), section.key(name),
                    "'" + value + "' must be 1-64 characters of A-Z a-z 0-9 _ -");
            return null;
        }
        return value;
    }

    private static KioskConfig.Broker broker(YamlSection b) {
        String url = b.string("url", false, "");
        String host = null;
        if (url != null) {
            host = urlHost(b, url);
            if (host == null) {
                url = null;
            }
        }
        String username = b.matching("username", USERNAME, "must be 1-129 characters of A-Z a-z 0-9 _ . -");
        String passwordFile = b.absolutePath("passwordFile");
        String caCertFile = b.absolutePath("caCertFile");
        if (b.has("username") && !b.has("passwordFile")) {
            b.problem(b.lineOf("username"), b.key("passwordFile"), "missing credential: is required when "
                    + b.key("username") + " is set (the file firmware-config provision wrote, e.g. /etc/kiosk/mqtt-password)");
        } else if (b.has("passwordFile") && !b.has("username")) {
            b.problem(b.lineOf("passwordFile"), b.key("username"), "missing credential: is required when "
                    + b.key("passwordFile") + " is set (the kiosk's broker login from firmware-config provision)");
        } else if (host != null && !b.has("username") && !LOOPBACK_HOSTS.contains(host)) {
            b.problem(b.lineOf("url"), b.key("username"), "missing credential: a broker on another machine ("
                    + host + ") needs " + b.key("username") + " and " + b.key("passwordFile")
                    + " (run firmware-config provision)");
        }
        return new KioskConfig.Broker(url, username, passwordFile, caCertFile);
    }

    private static String urlHost(YamlSection b, String url) {
        String key = b.key("url");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !URL_SCHEMES.contains(scheme)) {
                b.problem(b.value("url"), key, "'" + url + "' has scheme '" + scheme
                        + "'; allowed: tcp, ssl, ws, wss (e.g. ssl://broker.example:8883)");
                return null;
            }
            if (uri.getHost() == null) {
                b.problem(b.value("url"), key, "'" + url + "' has no host (e.g. tcp://127.0.0.1:1883)");
                return null;
            }
            if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
                b.problem(b.value("url"), key, "port " + uri.getPort() + " is out of range 1-65535");
                return null;
            }
            return uri.getHost();
        } catch (URISyntaxException e) {
            b.problem(b.value("url"), key, "'" + url + "' is not a URL (" + e.getReason() + ")");
            return null;
        }
    }

    private static String zone(YamlSection top) {
        String value = top.string("timeZone", false, "");
        if (value == null) {
            return null;
        }
        try {
            ZoneId.of(value);
            return value;
        } catch (DateTimeException e) {
            top.problem(top.value("timeZone"), "timeZone", "'" + value + "' is not a time zone id (e.g. Asia/Ho_Chi_Minh)");
            return null;
        }
    }

    private static List<String> ntpServers(YamlSection t) {
        List<Node> items = t.list("ntpServers");
        if (items == null) {
            return null;
        }
        String key = t.key("ntpServers");
        if (items.isEmpty() || items.size() > 8) {
            t.problem(t.value("ntpServers"), key, "must list 1-8 servers, not " + items.size());
            return null;
        }
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String server = t.scalarString(items.get(i), key + "[" + i + "]");
            if (server != null && !HOST.matcher(server).matches()) {
                t.problem(items.get(i), key + "[" + i + "]", "'" + server + "' is not a host name or IPv4 address");
            } else if (server != null) {
                servers.add(server);
            }
        }
        return servers;
    }

    private static KioskConfig.Printer printer(YamlSection p) {
        String port = p.matching("port", PRINTER_PORT,
                "is not a printer port; allowed: /dev/ttyUSBn, /dev/ttyACMn, /dev/usb/lpn, /dev/serial0, /dev/ttyAMA0, /dev/ttyS0");
        String vendor = p.matching("usbVendorId", USB_ID, "must be 4 lower-case hex digits as lsusb shows them, e.g. 0416");
        String product = p.matching("usbProductId", USB_ID, "must be 4 lower-case hex digits as lsusb shows them, e.g. 5011");
        if (p.has("usbVendorId") != p.has("usbProductId")) {
            String missing = p.has("usbVendorId") ? "usbProductId" : "usbVendorId";
            p.problem(p.lineOf(p.has("usbVendorId") ? "usbVendorId" : "usbProductId"), p.key(missing),
                    "is required with " + p.key(missing.equals("usbVendorId") ? "usbProductId" : "usbVendorId"));
        }
        KioskConfig.Printer printer = new KioskConfig.Printer(port,
                p.integerIn("baud", KioskConfig.Printer.DEFAULT_BAUD, BAUD_RATES, " baud"),
                p.integerIn("paperWidthMm", KioskConfig.Printer.DEFAULT_PAPER_WIDTH_MM, PAPER_WIDTHS_MM, " mm"),
                p.oneOf("profile", PRINTER_PROFILES), vendor, product);
        if (vendor != null && printer.onUart()) {
            p.problem(p.lineOf("usbVendorId"), p.key("usbVendorId"), "applies to USB printers only, not to " + printer.port());
        }
        return printer;
    }

    private static KioskConfig.Gpio gpio(YamlSection g, KioskConfig.Printer printer) {
        Map<Integer, String> used = new LinkedHashMap<>();
        if (printer.onUart()) {
            used.put(UART_TX_GPIO, "the UART (TX) of the printer on " + printer.port());
            used.put(UART_RX_GPIO, "the UART (RX) of the printer on " + printer.port());
        }
        int ticketButton = pin(g, "ticketButton", KioskConfig.Gpio.DEFAULT_TICKET_BUTTON, used);
        int ledGreen = pin(g, "ledGreen", KioskConfig.Gpio.DEFAULT_LED_GREEN, used);
        int ledAmber = pin(g, "ledAmber", KioskConfig.Gpio.DEFAULT_LED_AMBER, used);
        int ledRed = pin(g, "ledRed", KioskConfig.Gpio.DEFAULT_LED_RED, used);
        int buzzer = pin(g, "buzzer", KioskConfig.Gpio.DEFAULT_BUZZER, used);
        Integer paperSensor = g.has("paperSensor") ? checkPin(g, g.value("paperSensor"), g.key("paperSensor"), used) : null;
        List<Integer> ratingButtons = null;
        List<Node> items = g.list("ratingButtons");
        if (items != null) {
            String key = g.key("ratingButtons");
            if (!List.of(0, 3, 5).contains(items.size())) {
                g.problem(g.value("ratingButtons"), key, "lists " + items.size()
                        + " pins; allowed: 5 (five-level scale), 3 (three-level scale) or none");
            }
            ratingButtons = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Integer pin = checkPin(g, items.get(i), key + "[" + i + "]", used);
                if (pin != null) {
                    ratingButtons.add(pin);
                }
            }
        } else {
            for (int i = 0; i < KioskConfig.Gpio.DEFAULT_RATING_BUTTONS.size(); i++) {
                claim(g, null, g.key("ratingButtons") + "[" + i + "]", KioskConfig.Gpio.DEFAULT_RATING_BUTTONS.get(i), used);
            }
        }
        return new KioskConfig.Gpio(ticketButton, ledGreen, ledAmber, ledRed, buzzer, paperSensor, ratingButtons);
    }

    private static int pin(YamlSection g, String name, int fallback, Map<Integer, String> used) {
        Node node = g.value(name);
        if (node == null || YamlSection.isNull(node)) {
            claim(g, null, g.key(name) + " (default)", fallback, used);
            return fallback;
        }
        Integer pin = checkPin(g, node, g.key(name), used);
        return pin == null ? fallback : pin;
    }

    private static Integer checkPin(YamlSection g, Node node, String key, Map<Integer, String> used) {
        Integer pin = g.integerOrNull(node, key);
        if (pin == null) {
            return null;
        }
        if (pin < FIRST_GPIO || pin > LAST_GPIO) {
            g.problem(node, key, "GPIO " + pin + " does not exist on the Raspberry Pi 40-pin header; allowed: BCM GPIO "
                    + FIRST_GPIO + "-" + LAST_GPIO + " (GPIO 0 and 1 are reserved for the HAT EEPROM)");
            return null;
        }
        return claim(g, node, key, pin, used) ? pin : null;
    }

    private static boolean claim(YamlSection g, Node node, String key, int pin, Map<Integer, String> used) {
        String owner = used.putIfAbsent(pin, key + (node == null ? "" : " (line " + YamlSection.line(node) + ")"));
        if (owner != null) {
            int line = node == null ? g.line() : YamlSection.line(node);
            g.problem(line, key, "GPIO " + pin + " is already used by " + owner + "; each pin may have one use");
            return false;
        }
        return true;
    }

    private static KioskConfig.App app(YamlSection a) {
        int idle = a.integer("idleTimeoutSeconds", KioskConfig.App.DEFAULT_IDLE_TIMEOUT_SECONDS, 10, 3600, " seconds");
        List<String> languages = null;
        List<Node> items = a.list("languages");
        if (items != null) {
            String key = a.key("languages");
            languages = new ArrayList<>();
            if (items.isEmpty()) {
                a.problem(a.value("languages"), key, "must name at least one language; allowed: " + String.join(", ", LANGUAGES));
            }
            for (int i = 0; i < items.size(); i++) {
                String lang = a.scalarString(items.get(i), key + "[" + i + "]");
                if (lang != null && !LANGUAGES.contains(lang)) {
                    a.problem(items.get(i), key + "[" + i + "]", "'" + lang + "' is not a supported language; allowed: "
                            + String.join(", ", LANGUAGES));
                } else if (lang != null && languages.contains(lang)) {
                    a.problem(items.get(i), key + "[" + i + "]", "'" + lang + "' is listed twice");
                } else if (lang != null) {
                    languages.add(lang);
                }
            }
        }
        String pinHash = a.matching("staffPinHash", PIN_HASH,
                "is not a PIN hash; expected pbkdf2-sha256$ITERATIONS$SALT$HASH (from firmware-config hash-pin), never the PIN itself");
        return new KioskConfig.App(idle, languages, pinHash);
    }
}
