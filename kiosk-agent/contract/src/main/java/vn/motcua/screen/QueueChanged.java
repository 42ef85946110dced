package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The queue of one service changed; {@code service} is its ticket letter. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueChanged(String service) implements StreamEvent {
    @Override
    public StreamEventType type() {
        return StreamEventType.QUEUE;
    }
}
