package vn.motcua.screen;

/**
 * The body of one event of the screen's stream. The records are the JSON of the {@code data:} line as they are;
 * {@link #type()} names the event and is not part of that JSON.
 */
public sealed interface StreamEvent
        permits PrinterInfo, ConfigChanged, CallAnnounced, QueueChanged, Notice, RestartRequested, Ping {
    StreamEventType type();
}
