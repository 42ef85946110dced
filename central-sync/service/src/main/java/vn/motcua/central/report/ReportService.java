package vn.motcua.central.report;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Satisfaction reports from the daily rollup. */
@Singleton
public class ReportService {
    public static final List<String> LEVELS = List.of("very_satisfied", "satisfied", "neutral", "dissatisfied",
            "very_dissatisfied");
    private static final int LOW_LIMIT = 200;
    private final Database sql;

    public ReportService(Database sql) {
        this.sql = sql;
    }

    /** One line of a report: counts per level in {@link #LEVELS} order. */
    public record Line(String period, String group, long[] counts) {
        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        /** Very satisfied and satisfied, of all; null without ratings. */
        public Double satisfiedShare() {
            long total = total();
            return total == 0 ? null : (double) (counts[0] + counts[1]) / total;
        }
    }

    public record LowRating(String at, String siteId, String kioskId, String counter, String officerId,
                            String procedureCode, String level, String reasons, String comment) {
    }

    public record Report(ReportQuery query, List<Line> trend, List<Line> lines, Line total, List<LowRating> low) {
    }

    public Report report(ReportQuery q) {
        return report(q, RatingTable.covering(q.columns()));
    }

    /** The report read from one rollup table, which must cover the query's columns. */
    Report report(ReportQuery q, RatingTable table) {
        if (!table.covers(q.columns())) {
            throw new IllegalArgumentException(table.table + " does not cover " + q.columns());
        }
        String dim = q.groupBy().isEmpty() ? "''" : ReportQuery.DIMENSIONS.get(q.groupBy());
        StringBuilder where = new StringBuilder(" WHERE day >= ? AND day <= ?");
        List<String> params = new ArrayList<>(List.of(q.from().toString(), q.to().toString()));
        filter(where, params, "site_id", q.site());
        filter(where, params, "counter", q.counter());
        filter(where, params, "officer_id", q.officer());
        filter(where, params, "procedure_code", q.procedure());
        Map<String, long[]> trend = new TreeMap<>();
        Map<String, long[]> lines = new TreeMap<>();
        long[] total = new long[LEVELS.size()];
        sql.query("rating report", c -> {
            // PostgreSQL refuses a constant in GROUP BY: group by the dimension only when there is one
            try (PreparedStatement ps = c.prepareStatement("SELECT day, " + dim + ", level, SUM(ratings) "
                    + "FROM " + table.table + where + " GROUP BY day, " + (q.groupBy().isEmpty() ? "" : dim + ", ")
                    + "level")) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int level = LEVELS.indexOf(rs.getString(3));
                        if (level < 0) {
                            continue;
                        }
                        String period = periodOf(LocalDate.parse(rs.getString(1)), q.period());
                        long n = rs.getLong(4);
                        trend.computeIfAbsent(period, k -> new long[LEVELS.size()])[level] += n;
                        lines.computeIfAbsent(period + "\u0000" + rs.getString(2), k -> new long[LEVELS.size()])[level]
                                += n;
                        total[level] += n;
                    }
                }
            }
            return null;
        });
        List<Line> trendLines = new ArrayList<>();
        trend.forEach((p, counts) -> trendLines.add(new Line(p, "", counts)));
        List<Line> groupLines = new ArrayList<>();
        lines.forEach((key, counts) -> {
            int cut = key.indexOf('\u0000');
            groupLines.add(new Line(key.substring(0, cut), key.substring(cut + 1), counts));
        });
        return new Report(q, trendLines, groupLines, new Line("", "", total), low(q, where.toString(), params));
    }

    private List<LowRating> low(ReportQuery q, String where, List<String> params) {
        return sql.query("low ratings", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT at, site_id, kiosk_id, counter, officer_id, procedure_code, level, reasons, comment
                    FROM low_ratings""" + where + " ORDER BY day DESC, at DESC LIMIT " + LOW_LIMIT)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                List<LowRating> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LowRating(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9)));
                    }
                }
                return out;
            }
        });
    }

    private static void filter(StringBuilder where, List<String> params, String column, String value) {
        if (!value.isEmpty()) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /**
     * Queue figures of one service or one counter. A service has tickets issued; both have tickets called (first
     * calls only), the calls whose wait is known ({@code waited}) with their summed wait, tickets served with their
     * summed service time, and no-shows. Calls, services and no-shows of tickets whose issue was never seen count
     * for their counter only.
     */
    public record QueueLine(String key, long issued, long called, long waited, long waitSeconds, long served,
                            long serviceSeconds, long noShows) {
        /** Mean seconds from issue to first call; null without a known wait. */
        public Double averageWaitSeconds() {
            return waited == 0 ? null : (double) waitSeconds / waited;
        }

        /** Mean seconds of service; null without a ticket served. */
        public Double averageServiceSeconds() {
            return served == 0 ? null : (double) serviceSeconds / served;
        }
    }

    /**
     * Per service (first list) and per counter (second list) over the report's days and site; counter, officer and
     * procedure do not apply.
     */
    public List<List<QueueLine>> queue(ReportQuery q) {
        return sql.query("queue figures", c -> {
            StringBuilder where = new StringBuilder(" WHERE day >= ? AND day <= ?");
            List<String> params = new ArrayList<>(List.of(q.from().toString(), q.to().toString()));
            filter(where, params, "site_id", q.site());
            List<List<QueueLine>> out = new ArrayList<>();
            for (String column : List.of("service", "counter")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + column + ", SUM(issued), SUM(called), "
                        + "SUM(waited), SUM(wait_seconds), SUM(served), SUM(service_seconds), SUM(no_shows) "
                        + "FROM queue_daily" + where + " AND " + column + " <> '' GROUP BY " + column
                        + " ORDER BY " + column)) {
                    for (int i = 0; i < params.size(); i++) {
                        ps.setString(i + 1, params.get(i));
                    }
                    List<QueueLine> lines = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            lines.add(new QueueLine(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                    rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                        }
                    }
                    out.add(lines);
                }
            }
            return out;
        });
    }

    /** day: the date; week: the Monday that starts it; month: yyyy-MM. */
    static String periodOf(LocalDate day, String period) {
        return switch (period) {
            case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            case "month" -> day.toString().substring(0, 7);
            default -> day.toString();
        };
    }
}
