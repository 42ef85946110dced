package vn.motcua.agent.stream;

import jakarta.inject.Singleton;
import vn.motcua.screen.Notice;
import vn.motcua.agent.events.KioskEventBus;

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
        events.publish(n);
    }

    public void clearNotice(Instant now) {
        notice.set(null);
        events.publish(new Notice("", now.toString()));
    }

    /** The notice to show at {@code now}, if one is still running. */
    public Optional<Notice> notice(Instant now) {
        Notice n = notice.get();
        return n == null || !now.isBefore(n.ends()) ? Optional.empty() : Optional.of(n);
    }
}
