package vn.motcua.protocol.broker;

import vn.motcua.protocol.Topics;

import java.util.Optional;

/**
 * A kiosk's identity on the broker: the pair (siteId, kioskId), two sites may both have a {@code kiosk-01}. Its
 * login is {@code SITE.KIOSK} — ids never contain a dot, so the pair reads back unambiguously — and the client id
 * its agent connects with is {@code kiosk-SITE-KIOSK}.
 */
public record BrokerLogin(String siteId, String kioskId) {
    public static final char SEPARATOR = '.';

    public BrokerLogin {
        if (!Topics.isValidId(siteId) || !Topics.isValidId(kioskId)) {
            throw new IllegalArgumentException("siteId and kioskId must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
    }

    /** The kiosk's broker user name, {@code SITE.KIOSK}. */
    public String username() {
        return siteId + SEPARATOR + kioskId;
    }

    /** The MQTT client id the kiosk's agent uses: one session per kiosk. */
    public String clientId() {
        return "kiosk-" + siteId + "-" + kioskId;
    }

    public static String username(String siteId, String kioskId) {
        return new BrokerLogin(siteId, kioskId).username();
    }

    /** The kiosk a user name stands for, or empty when it is not of the form {@code SITE.KIOSK}. */
    public static Optional<BrokerLogin> parse(String username) {
        if (username == null) {
            return Optional.empty();
        }
        int dot = username.indexOf(SEPARATOR);
        if (dot < 0 || username.indexOf(SEPARATOR, dot + 1) >= 0) {
            return Optional.empty();
        }
        String site = username.substring(0, dot);
        String kiosk = username.substring(dot + 1);
        return Topics.isValidId(site) && Topics.isValidId(kiosk)
                ? Optional.of(new BrokerLogin(site, kiosk)) : Optional.empty();
    }
}
