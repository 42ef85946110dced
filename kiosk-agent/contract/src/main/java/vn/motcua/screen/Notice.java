package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A notice from central as the screens receive it; {@code text} empty means it was taken down.
 *
 * @param until ISO-8601 instant, e.g. {@code 2026-11-30T04:30:00Z}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notice(String text, String until) implements StreamEvent {
    /** When the notice runs out. */
    public Instant ends() {
        return Instant.parse(until);
    }

    @Override
    public StreamEventType type() {
        return StreamEventType.NOTICE;
    }
}
