package vn.motcua.agent.printer;

import jakarta.inject.Singleton;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.screen.PrinterInfo;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place that knows the printer's current state. The printer driver and the paper sensor report here; the
 * status API reads from here; the screen hears of changes as {@code printer} events on the kiosk event bus, and the
 * LEDs through {@link KioskHealth}, which every change is reported to.
 */
@Singleton
public class PrinterMonitor {
    private final Clock clock;
    private final KioskEventBus events;
    private final KioskHealth health;
    private final AtomicReference<PrinterState> current;

    public PrinterMonitor(Clock clock, KioskEventBus events, KioskHealth health) {
        this.clock = clock;
        this.events = events;
        this.health = health;
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
        health.printer(status.blocksPrinting() ? KioskHealth.PrinterCondition.FAULT
                : status == PrinterStatus.PAPER_NEAR_END ? KioskHealth.PrinterCondition.DEGRADED
                : KioskHealth.PrinterCondition.OK, status.wireName());
        events.publish(new PrinterInfo(status.wireName(), detail, now.since().toString()));
    }

    public PrinterInfo view() {
        PrinterState s = current.get();
        return new PrinterInfo(s.status().wireName(), s.detail(), s.since().toString());
    }
}
