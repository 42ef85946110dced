package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Central's command {@code commandId} asks the screen to restart once nobody is using it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartRequested(String commandId) implements StreamEvent {
    @Override
    public StreamEventType type() {
        return StreamEventType.RESTART;
    }
}
