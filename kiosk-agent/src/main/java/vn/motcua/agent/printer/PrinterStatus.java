package vn.motcua.agent.printer;

/** What the ticket printer can report, worst last. {@code UNKNOWN} until the first reading. */
public enum PrinterStatus {
    READY, PAPER_NEAR_END, UNKNOWN, PAPER_OUT, COVER_OPEN, ERROR, OFFLINE;

    /** A ticket cannot be printed now: the screen shows it as a QR code instead. */
    public boolean blocksPrinting() {
        return this == PAPER_OUT || this == COVER_OPEN || this == ERROR || this == OFFLINE;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
