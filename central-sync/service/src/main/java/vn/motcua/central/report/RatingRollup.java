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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds newly stored ratings to the daily rollup: reads {@code rating.submitted} events past the watermark, adds
 * their counts and moves the watermark in the same transaction. The watermark only moves if it is where this run
 * found it, so two central instances never count an event twice.
 */
@Singleton
public class RatingRollup {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final List<String> LOW = List.of("dissatisfied", "very_dissatisfied");
    private static final Logger LOG = LoggerFactory.getLogger(RatingRollup.class);

    private final SqlAccess sql;
    private final ReportConfig config;
    private final ObjectMapper json = new ObjectMapper();

    public RatingRollup(SqlAccess sql, ReportConfig config) {
        this.sql = sql;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${central.reports.rollup-every:30s}", initialDelay = "2s")
    void scheduled() {
        try {
            while (runOnce() == config.rollupBatch()) {
                LOG.debug("rating rollup: more to do");
            }
        } catch (StoreException e) {
            LOG.warn("rating rollup not run: {}", e.getMessage());
        }
    }

    private record Key(String day, String site, String counter, String officer, String procedure, String level) {
    }

    /** Rolls up one batch; returns how many events it read. */
    public int runOnce() {
        return sql.write("roll up ratings", c -> {
            long from;
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT last_ingest_id FROM rollup_state WHERE name = 'ratings'")) {
                from = rs.next() ? rs.getLong(1) : 0;
            }
            Map<Key, Long> counts = new HashMap<>();
            long last = from;
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT ingest_id, event_id, site_id, kiosk_id, at, data FROM events
                    WHERE type = 'rating.submitted' AND ingest_id > ? ORDER BY ingest_id LIMIT ?""")) {
                ps.setLong(1, from);
                ps.setInt(2, config.rollupBatch());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        last = rs.getLong(1);
                        JsonNode data;
                        try {
                            data = json.readTree(rs.getString(6));
                        } catch (IOException e) {
                            continue; // stored events were validated at ingest; a broken one is not counted
                        }
                        String at = rs.getString(5);
                        String day = OffsetDateTime.parse(at).atZoneSameInstant(ZONE).toLocalDate().toString();
                        String level = data.path("level").asText();
                        Key key = new Key(day, rs.getString(3), text(data, "counter"), text(data, "officerId"),
                                text(data, "procedureCode"), level);
                        counts.merge(key, 1L, Long::sum);
                        if (LOW.contains(level)) {
                            insertLow(c, rs.getString(2), key, at, rs.getString(4), data);
                        }
                    }
                }
            }
            if (read == 0) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO rating_daily (day, site_id, counter, officer_id, procedure_code, level, ratings)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (day, site_id, counter, officer_id, procedure_code, level)
                    DO UPDATE SET ratings = rating_daily.ratings + excluded.ratings""")) {
                for (Map.Entry<Key, Long> e : counts.entrySet()) {
                    Key k = e.getKey();
                    ps.setString(1, k.day());
                    ps.setString(2, k.site());
                    ps.setString(3, k.counter());
                    ps.setString(4, k.officer());
                    ps.setString(5, k.procedure());
                    ps.setString(6, k.level());
                    ps.setLong(7, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Map<Key, Long> bySite = new HashMap<>();
            counts.forEach((k, n) -> bySite.merge(new Key(k.day(), k.site(), "", "", "", k.level()), n, Long::sum));
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO rating_daily_site (day, site_id, level, ratings) VALUES (?, ?, ?, ?)
                    ON CONFLICT (day, site_id, level) DO UPDATE SET ratings = rating_daily_site.ratings + excluded.ratings""")) {
                for (Map.Entry<Key, Long> e : bySite.entrySet()) {
                    ps.setString(1, e.getKey().day());
                    ps.setString(2, e.getKey().site());
                    ps.setString(3, e.getKey().level());
                    ps.setLong(4, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rollup_state SET last_ingest_id = ? WHERE name = 'ratings' AND last_ingest_id = ?")) {
                ps.setLong(1, last);
                ps.setLong(2, from);
                if (ps.executeUpdate() != 1) {
                    throw new java.sql.SQLException("another instance rolled up the same ratings; retrying later");
                }
            }
            return read;
        });
    }

    private static void insertLow(java.sql.Connection c, String eventId, Key k, String at, String kioskId,
                                  JsonNode data) throws java.sql.SQLException {
        StringBuilder reasons = new StringBuilder();
        data.path("reasons").forEach(r -> reasons.append(reasons.length() == 0 ? "" : ", ").append(r.asText()));
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO low_ratings (event_id, day, at, site_id, kiosk_id, counter, officer_id, procedure_code,
                    level, reasons, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")) {
            ps.setString(1, eventId);
            ps.setString(2, k.day());
            ps.setString(3, at);
            ps.setString(4, k.site());
            ps.setString(5, kioskId);
            ps.setString(6, k.counter());
            ps.setString(7, k.officer());
            ps.setString(8, k.procedure());
            ps.setString(9, k.level());
            ps.setString(10, reasons.toString());
            JsonNode comment = data.path("comment");
            ps.setString(11, comment.isTextual() ? comment.asText() : null);
            ps.executeUpdate();
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode v = data.path(field);
        return v.isTextual() ? v.asText() : "";
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
