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
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicReference<Notice> notice = new AtomicReference<>();

    /** A notice from central; {@code text} empty means the notice was taken down. */
    public record Notice(String text, Instant until) {
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

    public void showNotice(String text, Instant until) {
        notice.set(new Notice(text, until));
    }

    public void clearNotice() {
        notice.set(null);
    }

    /** The notice to show at {@code now}, if one is still running. */
    public Optional<Notice> notice(Instant now) {
        Notice n = notice.get();
        return n == null || !now.isBefore(n.until()) ? Optional.empty() : Optional.of(n);
    }
}
