package vn.motcua.central.alert;

import java.util.Locale;

public enum AlertKind {
    OFFLINE, PAPER_OUT, BACKLOG, DISK, TEMPERATURE,
    /** Events arrived under sequence numbers central holds with other events: see event_conflicts. */
    SEQ_CONFLICT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
