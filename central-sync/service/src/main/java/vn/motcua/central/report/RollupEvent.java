package vn.motcua.central.report;

import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One stored event as a rollup reads it, with strict readers for its time and body: whatever a rollup cannot read
 * throws {@link Unreadable} naming the field, and the rollup sets the event aside.
 */
record RollupEvent(long ingestId, String eventId, String siteId, String kioskId, long seq, String type, String at,
                   String bootId, long uptimeMs, String data) {
    /** Days are stored as text and compared as text: only four-digit years keep that order. */
    static final int FIRST_YEAR = 1;
    static final int LAST_YEAR = 9999;
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    /** The event could not be read for a rollup; the message names the field and what is wrong with it. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The event's wall time; years outside 0001–9999 in the report's time zone are refused. */
    Instant instant() throws Unreadable {
        localDay();
        return OffsetDateTime.parse(at).toInstant();
    }

    /** The local day (Asia/Ho_Chi_Minh) the event falls on, as {@code yyyy-MM-dd}. */
    String localDay() throws Unreadable {
        LocalDate day;
        try {
            day = OffsetDateTime.parse(at).atZoneSameInstant(RatingRollup.ZONE).toLocalDate();
        } catch (DateTimeException e) {
            throw new Unreadable("at: not a time a report can hold (" + abbreviated(at) + "): " + e.getMessage());
        }
        if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
            throw new Unreadable("at: " + abbreviated(at) + " is outside the years " + FIRST_YEAR + "–" + LAST_YEAR);
        }
        return day.toString();
    }

    /** The body, read by the contract's rules for stored data ({@link ProtocolCodec#decodeStoredData}). */
    EventBody body() throws Unreadable {
        EventType eventType = EventType.fromWire(type)
                .orElseThrow(() -> new Unreadable("type: " + abbreviated(type) + " is no event type of the contract"));
        try {
            return CODEC.decodeStoredData(eventType, data);
        } catch (ProtocolException e) {
            throw new Unreadable(e.getMessage());
        }
    }

    static String abbreviated(String text) {
        return text == null ? "null" : text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
