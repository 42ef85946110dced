package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * {@code GET /api/status}, what the staff screen shows. {@code queues}: waiting tickets today per service prefix;
 * {@code acksRefused}: acks not applied since start (unsigned, forged, another kiosk's, replayed or beyond what was
 * sent — each is logged).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentStatus(String siteId, String kioskId, Map<String, Integer> queues, long outboxBacklog,
                          long lastSeq, long lastAckSeq, long acksRefused, Broker broker, PrinterInfo printer) {
    public AgentStatus {
        queues = queues == null ? Map.of() : queues;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Broker(String url, boolean connected) {
    }
}
