package vn.motcua.agent.outbox;

import io.micronaut.http.HttpStatus;
import vn.motcua.agent.web.ApiException;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.RejectReason;
import vn.motcua.protocol.TimeWindow;
import vn.motcua.protocol.event.EventType;

/**
 * An event the contract refuses, so it was not committed, and neither was the ticket or rating it belongs to: the
 * transaction rolls back. A time outside the contract's window means the kiosk's clock is wrong (503 until it is set);
 * anything else is an input the edges should have refused (500, naming the event's field).
 */
public final class EventRefused extends ApiException {
    private final RejectReason rejectReason;

    EventRefused(EventType type, ProtocolException refusal) {
        super(status(refusal), code(refusal), refusal.field(), message(type, refusal));
        this.rejectReason = refusal.reason();
        initCause(refusal);
    }

    /** The reason central would have counted. */
    public RejectReason rejectReason() {
        return rejectReason;
    }

    private static boolean clock(ProtocolException e) {
        return e.reason() == RejectReason.TIME_OUT_OF_RANGE;
    }

    private static HttpStatus status(ProtocolException e) {
        return clock(e) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String code(ProtocolException e) {
        return clock(e) ? "clock_out_of_range" : "event_refused";
    }

    private static String message(EventType type, ProtocolException e) {
        if (clock(e)) {
            return "the kiosk's clock is outside " + TimeWindow.EARLIEST + " .. " + TimeWindow.LATEST
                    + ", so central would refuse the " + type.wireName() + " event; nothing was saved — set the "
                    + "system time (time synchronisation) and try again (" + e.getMessage() + ")";
        }
        return "the " + type.wireName() + " event breaks the contract, so nothing was saved: " + e.getMessage();
    }
}
