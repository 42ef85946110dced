package vn.motcua.app.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Set;

/** The printer as the agent reports it, in {@code GET /api/status} and as a {@code printer} stream event. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrinterInfo(String status, String detail, String since) {
    private static final Set<String> BLOCKING = Set.of("paper_out", "cover_open", "error", "offline");

    public static PrinterInfo unknown() {
        return new PrinterInfo("unknown", null, null);
    }

    public boolean blocksPrinting() {
        return status != null && BLOCKING.contains(status);
    }
}
