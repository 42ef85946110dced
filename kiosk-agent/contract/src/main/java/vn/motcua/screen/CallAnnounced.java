package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A counter called a ticket: the hall display and the screen announce it.
 *
 * @param display the ticket's number as shown, e.g. {@code A012}
 * @param at      ISO-8601 instant of the call
 * @param recall  whether the same ticket was called again
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallAnnounced(String display, String counter, String counterName, String at, boolean recall)
        implements StreamEvent {
    @Override
    public StreamEventType type() {
        return StreamEventType.CALL;
    }
}
