package vn.motcua.agent.stream;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kiosk screens following the event stream: how many are connected now, and the notice central asked them to
 * show, so that a screen that connects (or restarts) later still shows it until it runs out.
 */
@Singleton
public class KioskScreens {
    private final KioskEventBus events;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicReference<Notice> notice = new AtomicReference<>();

    public KioskScreens(KioskEventBus events) {
        this.events = events;
    }

    /**
     * A notice from central as the screens receive it; {@code text} empty means it was taken down.
     *
     * @param until ISO-8601 instant, e.g. {@code 2026-11-30T04:30:00Z}
     */
    public record Notice(String text, String until) {
        Instant end() {
            return Instant.parse(until);
        }
    }

    public int connected() {
        return connected.get();
    }

    void opened() {
        connected.incrementAndGet();
    }

    void closed() {
        connected.decrementAndGet();
    }

    /** Shows the notice on the connected screens and keeps it for those that connect before {@code until}. */
    public void showNotice(String text, Instant until) {
        Notice n = new Notice(text, until.toString());
        notice.set(n);
        events.publish(KioskEventBus.NOTICE, n);
    }

    public void clearNotice(Instant now) {
        notice.set(null);
        events.publish(KioskEventBus.NOTICE, new Notice("", now.toString()));
    }

    /** The notice to show at {@code now}, if one is still running. */
    public Optional<Notice> notice(Instant now) {
        Notice n = notice.get();
        return n == null || !now.isBefore(n.end()) ? Optional.empty() : Optional.of(n);
    }
}
