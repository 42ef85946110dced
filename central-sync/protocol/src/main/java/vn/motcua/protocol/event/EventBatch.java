package vn.motcua.protocol.event;

import java.util.List;

/** The payload of {@code kiosk/v1/{site}/{kiosk}/events}. */
public record EventBatch(int schema, String kioskId, List<KioskEvent> events) {
    public static final int SCHEMA = 1;
    public static final int MAX_EVENTS = 500;
    public static final int MAX_BYTES = 256 * 1024;

    public EventBatch {
        events = List.copyOf(events);
    }

    public static EventBatch of(String kioskId, List<KioskEvent> events) {
        return new EventBatch(SCHEMA, kioskId, events);
    }
}
