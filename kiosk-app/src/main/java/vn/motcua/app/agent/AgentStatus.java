package vn.motcua.app.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** {@code GET /api/status}: what the staff screen shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentStatus(String siteId, String kioskId, Map<String, Integer> queues, long outboxBacklog,
                          long lastSeq, long lastAckSeq, Broker broker, PrinterInfo printer) {
    public AgentStatus {
        queues = queues == null ? Map.of() : Map.copyOf(queues);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Broker(String url, boolean connected) {
    }
}
