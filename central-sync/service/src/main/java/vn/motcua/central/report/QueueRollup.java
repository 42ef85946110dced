package vn.motcua.central.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.SqlAccess;
import vn.motcua.central.store.StoreException;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** Adds new ticket events to the daily queue figures, behind the {@code queue} watermark (as {@link RatingRollup}). */
@Singleton
public class QueueRollup {
    private static final Logger LOG = LoggerFactory.getLogger(QueueRollup.class);
    private final SqlAccess sql;
    private final ReportConfig config;
    private final ObjectMapper json = new ObjectMapper();

    public QueueRollup(SqlAccess sql, ReportConfig config) {
        this.sql = sql;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${central.reports.rollup-every:30s}", initialDelay = "3s")
    void scheduled() {
        try {
            while (runOnce() == config.rollupBatch()) {
                LOG.debug("queue rollup: more to do");
            }
        } catch (StoreException e) {
            LOG.warn("queue rollup not run: {}", e.getMessage());
        }
    }

    private record Key(String day, String site, String service, String counter) {
    }

    public int runOnce() {
        return sql.write("roll up queue figures", c -> {
            long from;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT last_ingest_id FROM rollup_state WHERE name = 'queue'")) {
                from = rs.next() ? rs.getLong(1) : 0;
            }
            Map<Key, long[]> sums = new HashMap<>();
            long last = from;
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT ingest_id, site_id, type, at, data FROM events
                    WHERE type IN ('ticket.issued', 'ticket.served', 'ticket.no_show') AND ingest_id > ?
                    ORDER BY ingest_id LIMIT ?""")) {
                ps.setLong(1, from);
                ps.setInt(2, config.rollupBatch());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        last = rs.getLong(1);
                        JsonNode data;
                        try {
                            data = json.readTree(rs.getString(5));
                        } catch (IOException e) {
                            continue;
                        }
                        String day = OffsetDateTime.parse(rs.getString(4)).atZoneSameInstant(RatingRollup.ZONE)
                                .toLocalDate().toString();
                        String type = rs.getString(3);
                        if (type.equals("ticket.issued")) {
                            sums.computeIfAbsent(new Key(day, rs.getString(2), data.path("service").asText(""), ""),
                                    k -> new long[4])[0]++;
                        } else {
                            long[] s = sums.computeIfAbsent(new Key(day, rs.getString(2), "",
                                    data.path("counter").asText("")), k -> new long[4]);
                            if (type.equals("ticket.served")) {
                                s[1]++;
                                s[3] += Math.max(0, data.path("serviceSeconds").asLong(0));
                            } else {
                                s[2]++;
                            }
                        }
                    }
                }
            }
            if (read == 0) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO queue_daily (day, site_id, service, counter, issued, served, no_shows, service_seconds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (day, site_id, service, counter) DO UPDATE SET
                        issued = queue_daily.issued + excluded.issued, served = queue_daily.served + excluded.served,
                        no_shows = queue_daily.no_shows + excluded.no_shows,
                        service_seconds = queue_daily.service_seconds + excluded.service_seconds""")) {
                for (Map.Entry<Key, long[]> e : sums.entrySet()) {
                    Key k = e.getKey();
                    long[] v = e.getValue();
                    ps.setString(1, k.day());
                    ps.setString(2, k.site());
                    ps.setString(3, k.service());
                    ps.setString(4, k.counter());
                    for (int i = 0; i < 4; i++) {
                        ps.setLong(5 + i, v[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rollup_state SET last_ingest_id = ? WHERE name = 'queue' AND last_ingest_id = ?")) {
                ps.setLong(1, last);
                ps.setLong(2, from);
                if (ps.executeUpdate() != 1) {
                    throw new java.sql.SQLException("another instance rolled up the same ticket events; retrying later");
                }
            }
            return read;
        });
    }
}
