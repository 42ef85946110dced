package vn.motcua.protocol.broker;

import vn.motcua.protocol.Topics;

import java.util.List;

/**
 * Who may publish and read what (contract v1.1, "trust on the broker"), declared once for every broker we ship or
 * provision for: the embedded one checks it per packet, the Mosquitto ACL is written from it.
 * A kiosk publishes only its own {@link #KIOSK_PUBLISHES} and reads only its own {@link #KIOSK_READS}; only central
 * publishes those, and central reads everything. Filters are compared as exact topics: a kiosk has no use for a
 * wildcard, and an exact comparison cannot be talked into matching more than it says.
 */
public final class TopicRights {
    public static final List<String> KIOSK_PUBLISHES = List.of(Topics.EVENTS, Topics.STATUS, Topics.TELEMETRY,
            Topics.CMD_RESULT);
    public static final List<String> KIOSK_READS = List.of(Topics.ACK, Topics.CMD, Topics.CONFIG);
    public static final List<String> CENTRAL_PUBLISHES = KIOSK_READS;

    private TopicRights() {
    }

    public static boolean kioskMayPublish(BrokerLogin kiosk, String topic) {
        return isOwn(kiosk, topic, KIOSK_PUBLISHES);
    }

    public static boolean kioskMaySubscribe(BrokerLogin kiosk, String filter) {
        return isOwn(kiosk, filter, KIOSK_READS);
    }

    /** Central sends acks, commands and configurations to any well-formed kiosk topic, nothing else. */
    public static boolean centralMayPublish(String topic) {
        if (topic == null || !topic.startsWith(Topics.ROOT + "/")) {
            return false;
        }
        String[] parts = topic.substring(Topics.ROOT.length() + 1).split("/", -1);
        return parts.length == 3 && Topics.isValidId(parts[0]) && Topics.isValidId(parts[1])
                && CENTRAL_PUBLISHES.contains(parts[2]);
    }

    private static boolean isOwn(BrokerLogin kiosk, String topic, List<String> suffixes) {
        if (topic == null) {
            return false;
        }
        for (String suffix : suffixes) {
            if (topic.equals(Topics.of(kiosk.siteId(), kiosk.kioskId(), suffix))) {
                return true;
            }
        }
        return false;
    }
}
