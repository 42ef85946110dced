package vn.motcua.agent.status;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How the kiosk is doing, in one place. The printer, the link to central and the outbox report into it as their
 * state changes; the status LEDs, {@code /api/status} and telemetry read it or listen to it, and never ask those
 * components themselves.
 */
@Singleton
public class KioskHealth {
    private static final Logger LOG = LoggerFactory.getLogger(KioskHealth.class);

    /** How far the printer's state keeps a ticket from being printed. */
    public enum PrinterCondition {
        /** Prints. */
        OK,
        /** Still prints, but needs attention soon (paper nearly out). */
        DEGRADED,
        /** Cannot print (no paper, cover open, offline…). */
        FAULT
    }

    /**
     * @param printer        the printer's condition
     * @param printerState   the printer's status as the screens name it, e.g. {@code paper_out}
     * @param centralLink    whether the MQTT session to central is up
     * @param outboxBacklog  events stored but not yet acknowledged by central
     */
    public record Snapshot(PrinterCondition printer, String printerState, boolean centralLink, long outboxBacklog) {
    }

    private final AtomicReference<Snapshot> current =
            new AtomicReference<>(new Snapshot(PrinterCondition.OK, "unknown", false, 0));
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

    public Snapshot current() {
        return current.get();
    }

    public void printer(PrinterCondition condition, String state) {
        change(s -> new Snapshot(condition, state, s.centralLink(), s.outboxBacklog()));
    }

    public void centralLink(boolean up) {
        change(s -> new Snapshot(s.printer(), s.printerState(), up, s.outboxBacklog()));
    }

    public void outboxBacklog(long events) {
        change(s -> new Snapshot(s.printer(), s.printerState(), s.centralLink(), events));
    }

    /**
     * Calls {@code listener} with every changed snapshot, on the reporter's thread: it must not block. Returns what to
     * run to stop listening.
     */
    public Runnable listen(Consumer<Snapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void change(UnaryOperator<Snapshot> update) {
        Snapshot before;
        Snapshot after;
        do {
            before = current.get();
            after = update.apply(before);
        } while (!current.compareAndSet(before, after));
        if (after.equals(before)) {
            return;
        }
        for (Consumer<Snapshot> l : listeners) {
            try {
                l.accept(after);
            } catch (RuntimeException e) {
                LOG.warn("health listener failed: {}", e.toString());
            }
        }
    }
}
