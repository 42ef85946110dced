package vn.motcua.device;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads kiosk.yaml into a {@link KioskConfig}. Validation does not stop at the first problem: it collects every
 * error, each naming the key and what is allowed, so one edit fixes the whole file.
 */
public final class KioskConfigLoader {
    /*
     * Same alphabet as the MQTT contract's topic ids (vn.motcua.protocol.Topics): ids are topic levels and broker
     * logins. Duplicated on purpose so this model stays free of the protocol module.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> URL_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    private static final List<String> ROOT_KEYS = List.of("identity", "broker", "agent", "timeZone");
    private static final List<String> IDENTITY_KEYS = List.of("siteId", "kioskId");
    private static final List<String> BROKER_KEYS = List.of("url", "username", "passwordFile");
    private static final List<String> AGENT_KEYS = List.of("httpPort", "dataDir");

    private KioskConfigLoader() {
    }

    public static KioskConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KioskConfigException(file.toString(),
                    List.of("cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
        return parse(text, file.toString());
    }

    /** @param source names the file in error messages */
    public static KioskConfig parse(String yaml, String source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new KioskConfigException(source, List.of("not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        Reader r = new Reader();
        Map<?, ?> top = r.map(root, "");
        if (top == null) {
            r.errors.add("(root): must be a mapping with keys " + String.join(", ", ROOT_KEYS));
            throw new KioskConfigException(source, r.errors);
        }
        r.onlyKeys(top, "", ROOT_KEYS);

        Map<?, ?> identity = r.map(top.get("identity"), "identity");
        if (identity == null) {
            r.errors.add("identity: is required (with siteId and kioskId)");
        }
        Map<?, ?> broker = r.map(top.get("broker"), "broker");
        Map<?, ?> agent = r.map(top.get("agent"), "agent");
        String siteId = null;
        String kioskId = null;
        if (identity != null) {
            r.onlyKeys(identity, "identity.", IDENTITY_KEYS);
            siteId = r.id(identity, "identity.", "siteId");
            kioskId = r.id(identity, "identity.", "kioskId");
        }
        String url = null;
        String username = null;
        String passwordFile = null;
        if (broker != null) {
            r.onlyKeys(broker, "broker.", BROKER_KEYS);
            url = r.url(broker, "broker.", "url");
            username = r.text(broker, "broker.", "username", false);
            passwordFile = r.text(broker, "broker.", "passwordFile", false);
        }
        int httpPort = KioskConfig.Agent.DEFAULT_HTTP_PORT;
        String dataDir = null;
        if (agent != null) {
            r.onlyKeys(agent, "agent.", AGENT_KEYS);
            httpPort = r.port(agent, "agent.", "httpPort", httpPort);
            dataDir = r.text(agent, "agent.", "dataDir", false);
        }
        String timeZone = r.zone(top, "timeZone");

        if (!r.errors.isEmpty()) {
            throw new KioskConfigException(source, r.errors);
        }
        return new KioskConfig(new KioskConfig.Identity(siteId, kioskId),
                new KioskConfig.Broker(url, username, passwordFile),
                new KioskConfig.Agent(httpPort, dataDir), timeZone);
    }

    /** Typed reads that record an error and return null instead of throwing. */
    private static final class Reader {
        final List<String> errors = new ArrayList<>();

        Map<?, ?> map(Object value, String key) {
            if (value == null || value instanceof Map<?, ?>) {
                return (Map<?, ?>) value;
            }
            errors.add(key + ": must be a mapping, not " + describe(value));
            return null;
        }

        void onlyKeys(Map<?, ?> map, String prefix, List<String> allowed) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    errors.add(prefix + key + ": unknown key (allowed here: " + String.join(", ", allowed) + ")");
                }
            }
        }

        String text(Map<?, ?> map, String prefix, String key, boolean required) {
            Object value = map.get(key);
            if (value == null) {
                if (required) {
                    errors.add(prefix + key + ": is required");
                }
                return null;
            }
            if (!(value instanceof String s)) {
                errors.add(prefix + key + ": must be a string, not " + describe(value) + " (quote it)");
                return null;
            }
            if (s.isBlank()) {
                errors.add(prefix + key + ": must not be blank");
                return null;
            }
            return s;
        }

        String id(Map<?, ?> map, String prefix, String key) {
            String value = text(map, prefix, key, true);
            if (value != null && !ID.matcher(value).matches()) {
                errors.add(prefix + key + ": '" + value + "' must be 1-64 characters of A-Z a-z 0-9 _ -");
                return null;
            }
            return value;
        }

        String url(Map<?, ?> map, String prefix, String key) {
            String value = text(map, prefix, key, false);
            if (value == null) {
                return null;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (scheme == null || !URL_SCHEMES.contains(scheme)) {
                    errors.add(prefix + key + ": '" + value + "' has scheme '" + scheme
                            + "'; allowed: tcp, ssl, ws, wss (e.g. ssl://broker.example:8883)");
                    return null;
                }
                if (uri.getHost() == null) {
                    errors.add(prefix + key + ": '" + value + "' has no host (e.g. tcp://127.0.0.1:1883)");
                    return null;
                }
                if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
                    errors.add(prefix + key + ": port " + uri.getPort() + " is out of range 1-65535");
                    return null;
                }
            } catch (URISyntaxException e) {
                errors.add(prefix + key + ": '" + value + "' is not a URL (" + e.getReason() + ")");
                return null;
            }
            return value;
        }

        int port(Map<?, ?> map, String prefix, String key, int fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Integer port)) {
                errors.add(prefix + key + ": must be an integer port 1-65535, not " + describe(value));
                return fallback;
            }
            if (port < 1 || port > 65535) {
                errors.add(prefix + key + ": " + port + " is out of range 1-65535");
                return fallback;
            }
            return port;
        }

        String zone(Map<?, ?> map, String key) {
            String value = text(map, "", key, false);
            if (value == null) {
                return null;
            }
            try {
                ZoneId.of(value);
                return value;
            } catch (DateTimeException e) {
                errors.add(key + ": '" + value + "' is not a time zone id (e.g. Asia/Ho_Chi_Minh)");
                return null;
            }
        }

        private static String describe(Object value) {
            if (value instanceof Map<?, ?>) {
                return "a mapping";
            }
            if (value instanceof List<?>) {
                return "a list";
            }
            if (value instanceof String) {
                return "a string";
            }
            return value.getClass().getSimpleName().toLowerCase() + " " + value;
        }
    }
}
