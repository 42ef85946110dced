package vn.motcua.protocol.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** The event types of contract v1 and the body each one carries. */
public enum EventType {
    TICKET_ISSUED("ticket.issued", TicketIssued.class),
    TICKET_CALLED("ticket.called", TicketCalled.class),
    TICKET_SERVED("ticket.served", TicketServed.class),
    TICKET_NO_SHOW("ticket.no_show", TicketNoShow.class),
    RATING_SUBMITTED("rating.submitted", RatingSubmitted.class),
    COUNTER_SIGNED_IN("counter.signed_in", CounterSignedIn.class),
    COUNTER_SIGNED_OUT("counter.signed_out", CounterSignedOut.class);

    private final String wireName;
    private final Class<? extends EventBody> bodyType;

    EventType(String wireName, Class<? extends EventBody> bodyType) {
        this.wireName = wireName;
        this.bodyType = bodyType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Class<? extends EventBody> bodyType() {
        return bodyType;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static EventType of(EventBody body) {
        return Arrays.stream(values()).filter(t -> t.bodyType.isInstance(body)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + body.getClass()));
    }
}
