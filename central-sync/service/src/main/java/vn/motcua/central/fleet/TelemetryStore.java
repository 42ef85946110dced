package vn.motcua.central.fleet;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.KioskKey;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Telemetry;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static vn.motcua.central.store.NullableColumns.longOrNull;
import static vn.motcua.central.store.NullableColumns.setLong;

/**
 * The latest telemetry of every kiosk (site and kiosk id), with the backlog of the reading before it (to tell a
 * growing backlog).
 */
@Singleton
public class TelemetryStore {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryStore.class);
    private final Database sql;
    private final ProtocolCodec codec = new ProtocolCodec();
    static final long BUCKET_MILLIS = 5 * 60_000L;
    /** History is pruned on the first reading of each hour; two days are kept for the 24-hour charts. */
    private static final long PRUNE_EVERY_MILLIS = 60 * 60_000L;
    private static final long KEEP_MILLIS = 48 * 60 * 60_000L;

    public TelemetryStore(Database sql) {
        this.sql = sql;
    }

    public record Latest(KioskKey kiosk, long receivedAt, Double cpuTemperatureC, Double load1, Long memoryUsed,
                         Long memoryTotal, Long diskUsed, Long diskTotal, String printer, String queueLengths,
                         long outboxBacklog, Long previousBacklog, Long lastAckSeq, Long configVersion) {
        public Double diskPercent() {
            return diskUsed == null || diskTotal == null || diskTotal <= 0 ? null : 100.0 * diskUsed / diskTotal;
        }

        public Double memoryPercent() {
            return memoryUsed == null || memoryTotal == null || memoryTotal <= 0
                    ? null : 100.0 * memoryUsed / memoryTotal;
        }
    }

    /** The readings a kiosk can really report; see {@link #inRange}. */
    static final double TEMPERATURE_MIN_C = -60;
    static final double TEMPERATURE_MAX_C = 150;
    static final double LOAD_MAX = 10_000;
    static final long BYTES_MAX = 1L << 50;
    static final int QUEUES_MAX = 26;
    static final int QUEUE_NAME_MAX = 8;
    static final int QUEUE_LENGTH_MAX = 100_000;
    /** Counted in the store's rejections, shown by {@code /api/stats}, once per reading set aside. */
    public static final String OUT_OF_RANGE = "telemetry_out_of_range";

    /**
     * Stores the kiosk's reading. A number no kiosk can report — a temperature of 10^308 °C, a negative disk — is
     * stored as unknown (as a reading the kiosk could not take), logged and counted under {@link #OUT_OF_RANGE},
     * so the fleet page never shows it and the rest of the reading still counts.
     */
    public void record(String siteId, String kioskId, Telemetry received, long receivedAt) {
        List<String> outOfRange = new ArrayList<>();
        Telemetry t = inRange(received, outOfRange);
        if (!outOfRange.isEmpty()) {
            LOG.warn("kiosk {}/{}: telemetry out of range, stored as unknown: {}", siteId, kioskId,
                    String.join(", ", outOfRange));
        }
        sql.write("record telemetry of " + siteId + "/" + kioskId, c -> {
            if (!outOfRange.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO rejections (reason, count) VALUES (?, ?)
                        ON CONFLICT (reason) DO UPDATE SET count = rejections.count + excluded.count""")) {
                    ps.setString(1, OUT_OF_RANGE);
                    ps.setLong(2, outOfRange.size());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO kiosk_telemetry (kiosk_id, site_id, received_at, at, cpu_temperature_c, load1,
                        memory_used, memory_total, disk_used, disk_total, printer, queue_lengths, outbox_backlog,
                        previous_backlog, last_ack_seq, config_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                    ON CONFLICT (site_id, kiosk_id) DO UPDATE SET
                        received_at = excluded.received_at, at = excluded.at,
                        cpu_temperature_c = excluded.cpu_temperature_c, load1 = excluded.load1,
                        memory_used = excluded.memory_used, memory_total = excluded.memory_total,
                        disk_used = excluded.disk_used, disk_total = excluded.disk_total, printer = excluded.printer,
                        queue_lengths = excluded.queue_lengths,
                        previous_backlog = kiosk_telemetry.outbox_backlog,
                        outbox_backlog = excluded.outbox_backlog, last_ack_seq = excluded.last_ack_seq,
                        config_version = excluded.config_version""")) {
                ps.setString(1, kioskId);
                ps.setString(2, siteId);
                ps.setLong(3, receivedAt);
                ps.setString(4, t.at().toString());
                setDouble(ps, 5, t.cpuTemperatureC());
                setDouble(ps, 6, t.load1());
                setLong(ps, 7, t.memoryUsedBytes());
                setLong(ps, 8, t.memoryTotalBytes());
                setLong(ps, 9, t.diskUsedBytes());
                setLong(ps, 10, t.diskTotalBytes());
                ps.setString(11, t.printer());
                ps.setString(12, new String(codec.encode(t.queueLengths()), StandardCharsets.UTF_8));
                ps.setLong(13, t.outboxBacklog());
                setLong(ps, 14, t.lastAckSeq());
                setLong(ps, 15, t.configVersion());
                ps.executeUpdate();
            }
            long bucket = receivedAt - receivedAt % BUCKET_MILLIS;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO telemetry_history (site_id, kiosk_id, bucket, cpu_temperature_c, disk_percent, load1,
                        outbox_backlog) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (site_id, kiosk_id, bucket) DO UPDATE SET
                        cpu_temperature_c = excluded.cpu_temperature_c, disk_percent = excluded.disk_percent,
                        load1 = excluded.load1, outbox_backlog = excluded.outbox_backlog""")) {
                ps.setString(1, siteId);
                ps.setString(2, kioskId);
                ps.setLong(3, bucket);
                setDouble(ps, 4, t.cpuTemperatureC());
                setDouble(ps, 5, t.diskUsedBytes() == null || t.diskTotalBytes() == null || t.diskTotalBytes() <= 0
                        ? null : 100.0 * t.diskUsedBytes() / t.diskTotalBytes());
                setDouble(ps, 6, t.load1());
                ps.setLong(7, t.outboxBacklog());
                if (ps.executeUpdate() == 1 && bucket % PRUNE_EVERY_MILLIS == 0) {
                    try (PreparedStatement prune = c.prepareStatement(
                            "DELETE FROM telemetry_history WHERE bucket < ?")) {
                        prune.setLong(1, receivedAt - KEEP_MILLIS);
                        prune.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** {@code t} with every reading outside its range made null; each one set aside is described in {@code out}. */
    static Telemetry inRange(Telemetry t, List<String> out) {
        Map<String, Integer> queues = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Integer> q : t.queueLengths().entrySet()) {
            if (queues.size() >= QUEUES_MAX || q.getKey().isEmpty() || q.getKey().length() > QUEUE_NAME_MAX
                    || q.getValue() == null || q.getValue() < 0 || q.getValue() > QUEUE_LENGTH_MAX) {
                out.add("queueLengths." + abbreviate(q.getKey()) + "=" + q.getValue() + " (at most " + QUEUES_MAX
                        + " queues of 0-" + QUEUE_LENGTH_MAX + ")");
            } else {
                queues.put(q.getKey(), q.getValue());
            }
        }
        return new Telemetry(t.at(),
                number(out, "cpuTemperatureC", t.cpuTemperatureC(), TEMPERATURE_MIN_C, TEMPERATURE_MAX_C),
                number(out, "load1", t.load1(), 0, LOAD_MAX),
                bytes(out, "memoryUsedBytes", t.memoryUsedBytes()), bytes(out, "memoryTotalBytes", t.memoryTotalBytes()),
                bytes(out, "diskUsedBytes", t.diskUsedBytes()), bytes(out, "diskTotalBytes", t.diskTotalBytes()),
                t.printer(), queues, t.outboxBacklog(), t.lastAckSeq(), t.configVersion());
    }

    private static Double number(List<String> out, String field, Double v, double min, double max) {
        if (v == null || (Double.isFinite(v) && v >= min && v <= max)) {
            return v;
        }
        out.add(field + "=" + abbreviate(String.valueOf(v)) + " (" + min + " to " + max + ")");
        return null;
    }

    private static Long bytes(List<String> out, String field, Long v) {
        if (v == null || (v >= 0 && v <= BYTES_MAX)) {
            return v;
        }
        out.add(field + "=" + v + " (0 to " + BYTES_MAX + ")");
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "…";
    }

    public record Point(long bucket, Double cpuTemperatureC, Double diskPercent, Double load1, long backlog) {
    }

    /** The kiosk's readings since {@code sinceMillis}, oldest first, one per five minutes. */
    public java.util.List<Point> history(KioskKey kiosk, long sinceMillis) {
        return sql.query("telemetry history of " + kiosk, c -> {
            java.util.List<Point> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT bucket, cpu_temperature_c, disk_percent, load1, outbox_backlog FROM telemetry_history
                    WHERE site_id = ? AND kiosk_id = ? AND bucket >= ? ORDER BY bucket""")) {
                ps.setString(1, kiosk.siteId());
                ps.setString(2, kiosk.kioskId());
                ps.setLong(3, sinceMillis);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Point(rs.getLong(1), dbl(rs, 2), dbl(rs, 3), dbl(rs, 4), rs.getLong(5)));
                    }
                }
            }
            return out;
        });
    }

    public Map<KioskKey, Latest> all() {
        return sql.query("read telemetry", c -> {
            Map<KioskKey, Latest> out = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT site_id, kiosk_id, received_at, cpu_temperature_c, load1, memory_used, memory_total,
                           disk_used, disk_total, printer, queue_lengths, outbox_backlog, previous_backlog,
                           last_ack_seq, config_version
                    FROM kiosk_telemetry""")) {
                while (rs.next()) {
                    KioskKey kiosk = new KioskKey(rs.getString(1), rs.getString(2));
                    out.put(kiosk, new Latest(kiosk, rs.getLong(3), dbl(rs, 4), dbl(rs, 5),
                            longOrNull(rs, 6), longOrNull(rs, 7), longOrNull(rs, 8), longOrNull(rs, 9), rs.getString(10), rs.getString(11),
                            rs.getLong(12), longOrNull(rs, 13), longOrNull(rs, 14), longOrNull(rs, 15)));
                }
            }
            return out;
        });
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws java.sql.SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Double dbl(ResultSet rs, int i) throws java.sql.SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }
}
