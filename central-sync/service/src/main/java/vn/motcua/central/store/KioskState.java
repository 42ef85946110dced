package vn.motcua.central.store;

import java.time.Instant;

/**
 * What central knows of a kiosk. {@code contiguousSeq}: every seq from 1 to it is stored; {@code lastSeq}: the highest
 * stored. {@code online}, {@code version}, {@code bootId} and {@code statusSince} come from its status message.
 */
public record KioskState(String kioskId, String siteId, boolean online, Instant lastSeen, long lastSeq,
                         long contiguousSeq, String version, String bootId, String statusSince) {
}
