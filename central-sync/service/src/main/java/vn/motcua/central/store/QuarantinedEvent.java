package vn.motcua.central.store;

import java.time.Instant;

/**
 * An event the database refused, kept whole: {@code raw} is the event's JSON as the protocol writes it (every field,
 * nothing stripped), {@code reason} what the database said. Its sequence number counts as held, so the kiosk could
 * delete it; from here only an operator's re-admission moves it, into the events.
 */
public record QuarantinedEvent(String id, String siteId, String kioskId, long seq, String eventId, String type,
                               String reason, Instant quarantinedAt, int attempts, Instant lastAttemptAt,
                               String raw) {
}
