package vn.motcua.central.store;

import java.time.Instant;

/** A stored event; {@code at} is the kiosk's wall time as sent, {@code dataJson} the event body as JSON text. */
public record StoredEvent(String kioskId, String siteId, long seq, String id, String type, String at,
                          boolean clockSynced, String bootId, long uptimeMs, String dataJson, Instant receivedAt) {
}
