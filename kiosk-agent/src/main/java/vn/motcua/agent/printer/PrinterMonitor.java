package vn.motcua.agent.printer;

import jakarta.inject.Singleton;
import vn.motcua.agent.stream.KioskEventBus;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place that knows the printer's current state. The printer driver and the paper sensor report here; the
 * status API, the LEDs and the screen (through the kiosk event bus, as a {@code printer} event) read from here.
 */
@Singleton
public class PrinterMonitor {
    private final Clock clock;
    private final KioskEventBus events;
    private final AtomicReference<PrinterState> current;

    public PrinterMonitor(Clock clock, KioskEventBus events) {
        this.clock = clock;
        this.events = events;
        this.current = new AtomicReference<>(PrinterState.unknown(clock.instant()));
    }

    public PrinterState current() {
        return current.get();
    }

    /** Records a reading; a change of status or detail is published to the screen. */
    public void report(PrinterStatus status, String detail) {
        Objects.requireNonNull(status, "status");
        PrinterState before = current.get();
        if (before.status() == status && Objects.equals(before.detail(), detail)) {
            return;
        }
        PrinterState now = new PrinterState(status, detail, clock.instant());
        current.set(now);
        events.publish(KioskEventBus.PRINTER, new PrinterEvent(status.wireName(), detail, now.since().toString()));
    }

    /** The JSON body of a {@code printer} event and of {@code printer} in {@code GET /api/status}. */
    public record PrinterEvent(String status, String detail, String since) {
    }

    public PrinterEvent view() {
        PrinterState s = current.get();
        return new PrinterEvent(s.status().wireName(), s.detail(), s.since().toString());
    }
}
