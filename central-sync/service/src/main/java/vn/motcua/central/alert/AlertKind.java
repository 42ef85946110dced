package vn.motcua.central.alert;

import java.util.Locale;

public enum AlertKind {
    OFFLINE, PAPER_OUT, BACKLOG, DISK, TEMPERATURE,
    /** Events arrived under sequence numbers central holds with other events: see event_conflicts. */
    SEQ_CONFLICT,
    /** The longest current wait for a service passed its threshold; the subject is the service. */
    LONG_WAIT,
    /** More citizens wait for a service than its threshold; the subject is the service. */
    LONG_QUEUE,
    /** A signed-in counter with citizens waiting for its services called nobody; the subject is the counter. */
    IDLE_COUNTER;

    /** The kinds about a kiosk's queue, which name a subject; the others are about the kiosk itself. */
    public static final java.util.Set<AlertKind> QUEUE = java.util.EnumSet.of(LONG_WAIT, LONG_QUEUE, IDLE_COUNTER);

    /** The kinds about the kiosk itself. */
    public static AlertKind[] ofKiosk() {
        return java.util.Arrays.stream(values()).filter(k -> !QUEUE.contains(k)).toArray(AlertKind[]::new);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
