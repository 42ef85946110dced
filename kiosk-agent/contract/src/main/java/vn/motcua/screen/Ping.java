package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The {@code n}-th keep-alive of this stream. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ping(long n) implements StreamEvent {
    @Override
    public StreamEventType type() {
        return StreamEventType.PING;
    }
}
