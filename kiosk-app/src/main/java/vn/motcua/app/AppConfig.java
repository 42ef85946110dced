package vn.motcua.app;

import vn.motcua.app.shell.Lang;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screen's settings, each with its default. Read from the environment by {@link #fromEnvironment(Map)}; tests
 * build it directly with shorter times.
 *
 * @param agentUrl          the agent's local API
 * @param idleTimeout       no touch for this long → back to home, half-entered input forgotten
 * @param staffPin          opens the staff screen: a PIN, or the PBKDF2 hash from kiosk.yaml
 * @param requestTimeout    one call to the agent
 * @param retryInterval     between attempts to reach the agent while it is down
 * @param minutesPerTicket  average service time, for the estimated wait
 * @param window            {@code fullscreen}, or {@code WIDTHxHEIGHT} for a window during development
 * @param languages         the screen starts (and returns after the idle time-out) in the first; with one only,
 *                          the language button is hidden
 * @param zone              the kiosk's time zone (kiosk.yaml {@code timeZone}): the clock on screen and the local
 *                          date an ID card's age is counted on, whatever zone the operating system is set to
 * @param idleWarning       how long before the idle time-out the screen asks "do you need more time?"; on a time-out
 *                          shorter than twice this, the question comes half-way
 */
public record AppConfig(URI agentUrl, Duration idleTimeout, String staffPin, Duration requestTimeout,
                        Duration retryInterval, int minutesPerTicket, String window, List<Lang> languages,
                        ZoneId zone, Duration idleWarning) {
    private static final Pattern SIZE = Pattern.compile("(\\d{3,4})x(\\d{3,4})");
    public static final List<Lang> DEFAULT_LANGUAGES = List.of(Lang.VI, Lang.EN);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of(vn.motcua.device.KioskConfig.DEFAULT_TIME_ZONE);
    public static final Duration DEFAULT_IDLE_WARNING = Duration.ofSeconds(15);

    public AppConfig(URI agentUrl, Duration idleTimeout, String staffPin, Duration requestTimeout,
                     Duration retryInterval, int minutesPerTicket, String window) {
        this(agentUrl, idleTimeout, staffPin, requestTimeout, retryInterval, minutesPerTicket, window,
                DEFAULT_LANGUAGES);
    }

    public AppConfig(URI agentUrl, Duration idleTimeout, String staffPin, Duration requestTimeout,
                     Duration retryInterval, int minutesPerTicket, String window, List<Lang> languages) {
        this(agentUrl, idleTimeout, staffPin, requestTimeout, retryInterval, minutesPerTicket, window, languages,
                DEFAULT_ZONE, DEFAULT_IDLE_WARNING);
    }

    public AppConfig {
        zone = zone == null ? DEFAULT_ZONE : zone;
        idleWarning = idleWarning == null ? DEFAULT_IDLE_WARNING : idleWarning;
        if (idleWarning.isNegative() || idleWarning.isZero()) {
            throw new IllegalArgumentException("KIOSK_IDLE_WARNING_SECONDS must be at least 1, got " + idleWarning);
        }
        languages = languages == null || languages.isEmpty() ? DEFAULT_LANGUAGES : List.copyOf(languages);
        if (new java.util.HashSet<>(languages).size() != languages.size()) {
            throw new IllegalArgumentException("KIOSK_LANGUAGES names a language twice: " + languages);
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("KIOSK_IDLE_TIMEOUT_SECONDS must be at least 1, got " + idleTimeout);
        }
        if (!vn.motcua.app.staff.StaffPin.isValid(staffPin)) {
            throw new IllegalArgumentException("KIOSK_STAFF_PIN must be 4 to 8 digits, or kiosk.yaml's app.staffPinHash "
                    + "a hash written by 'firmware-config hash-pin'");
        }
        if (minutesPerTicket < 1 || minutesPerTicket > 120) {
            throw new IllegalArgumentException("KIOSK_MINUTES_PER_TICKET must be 1..120, got " + minutesPerTicket);
        }
        if (!"fullscreen".equals(window) && !SIZE.matcher(window).matches()) {
            throw new IllegalArgumentException("KIOSK_WINDOW must be 'fullscreen' or WIDTHxHEIGHT (e.g. 1024x600), "
                    + "got '" + window + "'");
        }
    }

    public static AppConfig defaults(URI agentUrl) {
        return new AppConfig(agentUrl, Duration.ofSeconds(60), "2580", Duration.ofSeconds(5), Duration.ofSeconds(3),
                6, "fullscreen");
    }

    /**
     * AGENT_URL (or AGENT_HTTP_PORT), KIOSK_IDLE_TIMEOUT_SECONDS, KIOSK_STAFF_PIN, KIOSK_MINUTES_PER_TICKET,
     * KIOSK_WINDOW, KIOSK_LANGUAGES (e.g. {@code vi,en}), KIOSK_TIME_ZONE, KIOSK_IDLE_WARNING_SECONDS. On a kiosk,
     * KIOSK_CONFIG names its kiosk.yaml: the idle time-out, the languages, the time zone and the staff PIN hash come
     * from there (validated by the same model as the agent's), unless the variables above are set.
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("AGENT_URL",
                "http://127.0.0.1:" + env.getOrDefault("AGENT_HTTP_PORT", "8081"));
        AppConfig d = defaults(URI.create(url));
        int idleSeconds = (int) d.idleTimeout().toSeconds();
        String staffPin = d.staffPin();
        List<Lang> languages = d.languages();
        String zone = d.zone().getId();
        String kioskYaml = env.get("KIOSK_CONFIG");
        if (kioskYaml != null && !kioskYaml.isBlank()) {
            vn.motcua.device.KioskConfig kiosk = vn.motcua.device.KioskConfigLoader.load(
                    java.nio.file.Path.of(kioskYaml));
            vn.motcua.device.KioskConfig.App app = kiosk.app();
            idleSeconds = app.idleTimeoutSeconds();
            languages = languages(String.join(",", app.languages()));
            zone = kiosk.timeZone();
            if (app.staffPinHash() != null) {
                staffPin = app.staffPinHash();
            }
        }
        return new AppConfig(d.agentUrl(),
                Duration.ofSeconds(intOf(env, "KIOSK_IDLE_TIMEOUT_SECONDS", idleSeconds)),
                env.getOrDefault("KIOSK_STAFF_PIN", staffPin), d.requestTimeout(), d.retryInterval(),
                intOf(env, "KIOSK_MINUTES_PER_TICKET", d.minutesPerTicket()),
                env.getOrDefault("KIOSK_WINDOW", d.window()),
                env.containsKey("KIOSK_LANGUAGES") ? languages(env.get("KIOSK_LANGUAGES")) : languages,
                zone(env.getOrDefault("KIOSK_TIME_ZONE", zone)),
                Duration.ofSeconds(intOf(env, "KIOSK_IDLE_WARNING_SECONDS", (int) d.idleWarning().toSeconds())));
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("KIOSK_TIME_ZONE '" + id + "' is not a time zone id, e.g. "
                    + DEFAULT_ZONE.getId());
        }
    }

    /** How long the "more time?" question stays before the time-out: the warning, at most half the time-out. */
    public Duration idlePromptLead() {
        Duration half = idleTimeout.dividedBy(2);
        return idleWarning.compareTo(half) > 0 ? half : idleWarning;
    }

    /** {@code vi,en} → [VI, EN]; an unknown or empty list is refused, naming what is allowed. */
    static List<Lang> languages(String list) {
        List<Lang> out = new java.util.ArrayList<>();
        for (String part : (list == null ? "" : list).split(",")) {
            String code = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            switch (code) {
                case "vi" -> out.add(Lang.VI);
                case "en" -> out.add(Lang.EN);
                default -> throw new IllegalArgumentException("KIOSK_LANGUAGES: unknown language '" + part.trim()
                        + "'; allowed: vi, en");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("KIOSK_LANGUAGES must name at least one language: vi, en");
        }
        return out;
    }

    public boolean fullScreen() {
        return "fullscreen".equals(window);
    }

    public double windowWidth() {
        return size(1);
    }

    public double windowHeight() {
        return size(2);
    }

    private double size(int group) {
        Matcher m = SIZE.matcher(window);
        return m.matches() ? Double.parseDouble(m.group(group)) : (group == 1 ? 1024 : 600);
    }

    private static int intOf(Map<String, String> env, String key, int dflt) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
    }
}
