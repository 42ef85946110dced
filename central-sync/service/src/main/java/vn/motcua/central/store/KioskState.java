package vn.motcua.central.store;

import java.time.Instant;

/**
 * What central knows of a kiosk, the pair of {@code siteId} and {@code kioskId}. {@code contiguousSeq}: every seq from
 * 1 to it is held; {@code lastSeq}: the highest held. {@code online}, {@code version}, {@code bootId} and
 * {@code statusSince} come from its status message.
 */
public record KioskState(String kioskId, String siteId, boolean online, Instant lastSeen, long lastSeq,
                         long contiguousSeq, String version, String bootId, String statusSince) {

    public KioskKey key() {
        return new KioskKey(siteId, kioskId);
    }
}
