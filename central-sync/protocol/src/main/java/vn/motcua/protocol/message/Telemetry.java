package vn.motcua.protocol.message;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Sent every 30 s at QoS 0. Readings the kiosk cannot take are null.
 *
 * @param printer one of {@code ok}, {@code paper_low}, {@code paper_out}, {@code error}, {@code offline}
 * @param queueLengths waiting tickets per service prefix
 * @param configVersion the site configuration version the kiosk runs (absent from older agents)
 */
public record Telemetry(OffsetDateTime at, Double cpuTemperatureC, Double load1, Long memoryUsedBytes,
                        Long memoryTotalBytes, Long diskUsedBytes, Long diskTotalBytes, String printer,
                        Map<String, Integer> queueLengths, long outboxBacklog, Long lastAckSeq, Long configVersion) {
    public Telemetry {
        queueLengths = queueLengths == null ? Map.of() : Map.copyOf(queueLengths);
    }
}
