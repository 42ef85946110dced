package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Set;

/**
 * The printer as the agent reports it: the body of a {@code printer} event and {@code printer} in
 * {@code GET /api/status}. {@code status} is ready, paper_low, paper_out, cover_open, error, offline or unknown;
 * {@code since} is an ISO-8601 instant.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrinterInfo(String status, String detail, String since) implements StreamEvent {
    private static final Set<String> BLOCKING = Set.of("paper_out", "cover_open", "error", "offline");

    public static PrinterInfo unknown() {
        return new PrinterInfo("unknown", null, null);
    }

    /** Whether a ticket issued now would not come out of the printer. */
    public boolean blocksPrinting() {
        return status != null && BLOCKING.contains(status);
    }

    @Override
    public StreamEventType type() {
        return StreamEventType.PRINTER;
    }
}
