package vn.motcua.agent.printer;

import java.time.Instant;

/** The printer's status, a short reason an operator can act on (null when ready), and since when it holds. */
public record PrinterState(PrinterStatus status, String detail, Instant since) {
    public static PrinterState unknown(Instant now) {
        return new PrinterState(PrinterStatus.UNKNOWN, null, now);
    }
}
