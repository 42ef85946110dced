package vn.motcua.protocol.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The payload of {@code kiosk/v1/{site}/{kiosk}/events}. {@code batchId} is the kiosk's name for this one
 * publication (a UUID, new for every publish, resends included); central's ack repeats it, so the kiosk can tell an
 * answer to what it sent from a replay.
 */
public record EventBatch(int schema, String kioskId, List<KioskEvent> events,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String batchId) {
    public static final int SCHEMA = 1;
    public static final int MAX_EVENTS = 500;
    public static final int MAX_BYTES = 256 * 1024;

    public EventBatch {
        events = List.copyOf(events);
    }

    public static EventBatch of(String kioskId, List<KioskEvent> events) {
        return new EventBatch(SCHEMA, kioskId, events, null);
    }

    public static EventBatch of(String kioskId, List<KioskEvent> events, String batchId) {
        return new EventBatch(SCHEMA, kioskId, events, batchId);
    }
}
