package vn.motcua.screen;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events of {@code GET /api/stream}, by the name each carries on the wire ({@code event: printer}) and the record
 * its {@code data:} line holds.
 */
public enum StreamEventType {
    /** The printer's state changed; also the first event of every stream. */
    PRINTER("printer", PrinterInfo.class),
    /** A site configuration version was applied; also the second event of every stream. */
    CONFIG("config", ConfigChanged.class),
    /** A counter called (or recalled) a ticket. */
    CALL("call", CallAnnounced.class),
    /** A service's queue changed: a ticket was issued or called. */
    QUEUE("queue", QueueChanged.class),
    /** Central's notice for the screen, or its removal. */
    NOTICE("notice", Notice.class),
    /** Central asks the screen to restart once nobody is using it. */
    RESTART("restart", RestartRequested.class),
    /** Keeps the connection alive, so a half-open one is noticed. */
    PING("ping", Ping.class);

    private final String wireName;
    private final Class<? extends StreamEvent> bodyType;

    StreamEventType(String wireName, Class<? extends StreamEvent> bodyType) {
        this.wireName = wireName;
        this.bodyType = bodyType;
    }

    public String wireName() {
        return wireName;
    }

    /** The record to read this event's {@code data} into. */
    public Class<? extends StreamEvent> bodyType() {
        return bodyType;
    }

    public static Optional<StreamEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
