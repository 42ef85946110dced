package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The site configuration now running; a screen holding another version reads {@code GET /api/site} again. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigChanged(long version) implements StreamEvent {
    @Override
    public StreamEventType type() {
        return StreamEventType.CONFIG;
    }
}
