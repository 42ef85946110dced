package vn.motcua.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Sent every 30 s at QoS 0. Readings the kiosk cannot take are null.
 *
 * @param printer one of {@code ok}, {@code paper_low}, {@code paper_out}, {@code error}, {@code offline}
 * @param queueLengths waiting tickets per service prefix
 * @param configVersion the site configuration version the kiosk runs (absent from older agents)
 * @param countersSignedIn the counters an officer is signed in at on this kiosk's counter console, for central's
 *                      idle-counter alert; null from older agents (left out of the JSON then)
 */
public record Telemetry(OffsetDateTime at, Double cpuTemperatureC, Double load1, Long memoryUsedBytes,
                        Long memoryTotalBytes, Long diskUsedBytes, Long diskTotalBytes, String printer,
                        Map<String, Integer> queueLengths, long outboxBacklog, Long lastAckSeq, Long configVersion,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> countersSignedIn) {
    public Telemetry {
        queueLengths = queueLengths == null ? Map.of() : Map.copyOf(queueLengths);
        countersSignedIn = countersSignedIn == null ? null : List.copyOf(countersSignedIn);
    }

    /** A reading that does not say which counters are signed in. */
    public Telemetry(OffsetDateTime at, Double cpuTemperatureC, Double load1, Long memoryUsedBytes,
                     Long memoryTotalBytes, Long diskUsedBytes, Long diskTotalBytes, String printer,
                     Map<String, Integer> queueLengths, long outboxBacklog, Long lastAckSeq, Long configVersion) {
        this(at, cpuTemperatureC, load1, memoryUsedBytes, memoryTotalBytes, diskUsedBytes, diskTotalBytes, printer,
                queueLengths, outboxBacklog, lastAckSeq, configVersion, null);
    }
}
