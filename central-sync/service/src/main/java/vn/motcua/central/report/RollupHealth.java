package vn.motcua.central.report;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the report rollups are doing, read from the database so every central instance gives the same answer: how
 * many events each has set aside ({@code /api/stats}), and which are behind ({@code /api/health}).
 */
@Singleton
public class RollupHealth {
    private final Database sql;
    private final ReportConfig config;
    private final Clock clock;

    public RollupHealth(Database sql, ReportConfig config, Clock clock) {
        this.sql = sql;
        this.config = config;
        this.clock = clock;
    }

    /** Events set aside so far by each rollup ({@code ratings}, {@code queue}), by name; zero included. */
    public Map<String, Long> setAside() {
        return sql.query("count events set aside by the rollups", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.name, COUNT(s.ingest_id) FROM rollup_state r
                    LEFT JOIN rollup_set_aside s ON s.rollup = r.name GROUP BY r.name ORDER BY r.name""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /**
     * The rollups that are behind, by name; empty when the reports are current. A rollup is behind when the oldest
     * event it has not read yet was stored more than {@code central.reports.rollup-behind-after} ago: it stopped
     * (the database keeps failing under it) or cannot keep up.
     */
    public List<String> behind() {
        Instant limit = clock.instant().minus(config.rollupBehindAfter());
        return sql.query("check whether the rollups are behind", c -> {
            Map<String, Long> watermarks = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, last_ingest_id FROM rollup_state ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    watermarks.put(rs.getString(1), rs.getLong(2));
                }
            }
            List<String> behind = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT received_at FROM events WHERE ingest_id > ? ORDER BY ingest_id LIMIT 1")) {
                for (Map.Entry<String, Long> w : watermarks.entrySet()) {
                    ps.setLong(1, w.getValue());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && instant(rs.getObject(1)).isBefore(limit)) {
                            behind.add(w.getKey());
                        }
                    }
                }
            }
            return behind;
        });
    }

    /** {@code received_at} as each store keeps it: fixed-width UTC text (SQLite) or a timestamp (PostgreSQL). */
    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
