package vn.motcua.protocol;

import java.util.regex.Pattern;

/** Topic names of contract v1: {@code kiosk/v1/{siteId}/{kioskId}/{suffix}}. */
public final class Topics {
    public static final String ROOT = "kiosk/v1";
    public static final String EVENTS = "events";
    public static final String ACK = "ack";
    public static final String STATUS = "status";
    public static final String TELEMETRY = "telemetry";
    public static final String CMD = "cmd";
    public static final String CMD_RESULT = "cmd/result";
    public static final String CONFIG = "config";

    /** Site and kiosk ids are topic levels and broker logins: keep them to a safe alphabet. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Topics() {
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String of(String siteId, String kioskId, String suffix) {
        requireId("siteId", siteId);
        requireId("kioskId", kioskId);
        return ROOT + "/" + siteId + "/" + kioskId + "/" + suffix;
    }

    /** The shared-subscription filter that lets N central instances split one suffix between them. */
    public static String shared(String group, String suffix) {
        return "$share/" + group + "/" + ROOT + "/+/+/" + suffix;
    }

    public static String allKiosks(String suffix) {
        return ROOT + "/+/+/" + suffix;
    }

    public static Address parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            throw new ProtocolException(RejectReason.BAD_TOPIC, null, "topic '" + topic + "' is not under " + ROOT);
        }
        String[] parts = topic.substring(ROOT.length() + 1).split("/", 3);
        if (parts.length < 3 || !isValidId(parts[0]) || !isValidId(parts[1]) || parts[2].isEmpty()) {
            throw new ProtocolException(RejectReason.BAD_TOPIC, null,
                    "topic '" + topic + "' is not " + ROOT + "/{siteId}/{kioskId}/{suffix}");
        }
        return new Address(parts[0], parts[1], parts[2]);
    }

    private static void requireId(String name, String value) {
        if (!isValidId(value)) {
            throw new IllegalArgumentException(name + " '" + value + "' must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }

    public record Address(String siteId, String kioskId, String suffix) {
    }
}
