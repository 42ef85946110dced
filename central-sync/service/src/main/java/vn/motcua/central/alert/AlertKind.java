package vn.motcua.central.alert;

import java.util.Locale;

public enum AlertKind {
    OFFLINE, PAPER_OUT, BACKLOG, DISK, TEMPERATURE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
