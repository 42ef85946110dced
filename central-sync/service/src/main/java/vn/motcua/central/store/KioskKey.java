package vn.motcua.central.store;

import java.util.Comparator;

/**
 * A kiosk's identity at central: the site and the kiosk id together. Two sites may both have a {@code kiosk-01}; they
 * are two kiosks. Ordered by site, then kiosk: the one order in which every writer takes kiosk rows.
 */
public record KioskKey(String siteId, String kioskId) implements Comparable<KioskKey> {
    private static final Comparator<KioskKey> ORDER =
            Comparator.comparing(KioskKey::siteId).thenComparing(KioskKey::kioskId);

    public KioskKey {
        if (siteId == null || kioskId == null) {
            throw new IllegalArgumentException("a kiosk needs both its site id and its kiosk id");
        }
    }

    @Override
    public int compareTo(KioskKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code site/kiosk}: ids never contain a slash, so the text names one kiosk. */
    @Override
    public String toString() {
        return siteId + "/" + kioskId;
    }
}
