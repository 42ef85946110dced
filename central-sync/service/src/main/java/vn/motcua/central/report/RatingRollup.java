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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds newly stored ratings to the daily rollup tables ({@link RatingTable}): reads {@code rating.submitted} events
 * past the watermark, moves the watermark and adds their counts to every table in the same transaction.
 */
@Singleton
public class RatingRollup {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final List<String> LOW = List.of("dissatisfied", "very_dissatisfied");
    private static final Logger LOG = LoggerFactory.getLogger(RatingRollup.class);

    private final SqlAccess sql;
    private final ReportConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final RollupWatermark watermark = new RollupWatermark("ratings");

    public RatingRollup(SqlAccess sql, ReportConfig config) {
        this.sql = sql;
        this.config = config;
    }

    // the first run waits one interval too: a central starting on a backlog stores events before rolling them up
    @Scheduled(fixedDelay = "${central.reports.rollup-every:30s}", initialDelay = "${central.reports.rollup-every:30s}")
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
        /** The value of one dimension column of {@link RatingTable}. */
        String dimension(String column) {
            return switch (column) {
                case "counter" -> counter;
                case "officer_id" -> officer;
                case "procedure_code" -> procedure;
                default -> throw new IllegalArgumentException(column);
            };
        }
    }

    private record LowRating(String eventId, Key key, String at, String kioskId, JsonNode data) {
    }

    /** Rolls up one batch; returns how many events it read. */
    public int runOnce() {
        return sql.write("roll up ratings", c -> {
            long from = watermark.read(c);
            Map<Key, Long> counts = new HashMap<>();
            List<LowRating> low = new ArrayList<>();
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
                            low.add(new LowRating(rs.getString(2), key, at, rs.getString(4), data));
                        }
                    }
                }
            }
            if (read == 0) {
                return 0;
            }
            watermark.advance(c, from, last);
            for (RatingTable table : RatingTable.values()) {
                add(c, table, counts);
            }
            for (LowRating l : low) {
                insertLow(c, l.eventId(), l.key(), l.at(), l.kioskId(), l.data());
            }
            return read;
        });
    }

    /** Adds the counts, summed over the dimensions the table leaves out, to one rollup table. */
    private static void add(Connection c, RatingTable table, Map<Key, Long> counts) throws SQLException {
        Map<List<String>, Long> rows = new HashMap<>();
        counts.forEach((k, n) -> {
            List<String> row = new ArrayList<>(List.of(k.day(), k.site()));
            table.dimensions.forEach(d -> row.add(k.dimension(d)));
            row.add(k.level());
            rows.merge(row, n, Long::sum);
        });
        List<String> columns = new ArrayList<>(List.of("day", "site_id"));
        columns.addAll(table.dimensions);
        columns.add("level");
        String keyColumns = String.join(", ", columns);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.table + " (" + keyColumns
                + ", ratings) VALUES (" + "?, ".repeat(columns.size()) + "?) ON CONFLICT (" + keyColumns
                + ") DO UPDATE SET ratings = " + table.table + ".ratings + excluded.ratings")) {
            for (Map.Entry<List<String>, Long> e : rows.entrySet()) {
                List<String> row = e.getKey();
                for (int i = 0; i < row.size(); i++) {
                    ps.setString(i + 1, row.get(i));
                }
                ps.setLong(row.size() + 1, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertLow(Connection c, String eventId, Key k, String at, String kioskId,
                                  JsonNode data) throws SQLException {
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
