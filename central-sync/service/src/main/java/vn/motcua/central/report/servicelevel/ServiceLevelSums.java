package vn.motcua.central.report.servicelevel;

import vn.motcua.central.report.satisfaction.SatisfactionSums;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the service-level report over all sites reads: per site and service, the counters' calls, services, no-shows
 * and known waits ({@code service_level_period}) and the first calls per waiting minute ({@code calls_by_wait_period}),
 * summed per month, quarter and year as {@link SatisfactionSums#periods} names them. The queue rollup collects the
 * counts it adds to {@code queue_daily} (counter rows only) and {@code calls_by_wait_minute} here, and {@link #write}
 * adds them in the rollup's transaction.
 */
public final class ServiceLevelSums {
    private record Line(String period, String site, String service) {
    }

    private record Minute(Line line, int minute) {
    }

    private final Map<Line, long[]> lines = new HashMap<>();
    private final Map<Minute, Long> minutes = new HashMap<>();

    /** Adds a day's figures of a service at a counter; rows without a counter (tickets issued) are not counted. */
    public void figures(String day, String site, String service, String counter, long called, long served,
                        long noShows, long waited) {
        if (counter.isEmpty()) {
            return;
        }
        for (String period : SatisfactionSums.periods(day)) {
            long[] f = lines.computeIfAbsent(new Line(period, site, service), l -> new long[4]);
            f[0] += called;
            f[1] += served;
            f[2] += noShows;
            f[3] += waited;
        }
    }

    /** Adds {@code n} first calls of a day after a wait counted under {@code minute}. */
    public void waited(String day, String site, String service, String counter, int minute, long n) {
        if (counter.isEmpty()) {
            return;
        }
        for (String period : SatisfactionSums.periods(day)) {
            minutes.merge(new Minute(new Line(period, site, service), minute), n, Long::sum);
        }
    }

    /** Adds what was collected to the tables, in the caller's transaction. */
    public void write(Connection c) throws SQLException {
        if (!lines.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO service_level_period (period, site_id, service, called, served, no_shows, waited)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (period, site_id, service) DO UPDATE SET
                        called = service_level_period.called + excluded.called,
                        served = service_level_period.served + excluded.served,
                        no_shows = service_level_period.no_shows + excluded.no_shows,
                        waited = service_level_period.waited + excluded.waited""")) {
                for (Map.Entry<Line, long[]> e : lines.entrySet()) {
                    Line l = e.getKey();
                    ps.setString(1, l.period());
                    ps.setString(2, l.site());
                    ps.setString(3, l.service());
                    for (int i = 0; i < 4; i++) {
                        ps.setLong(4 + i, e.getValue()[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!minutes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO calls_by_wait_period (period, site_id, service, minute, called) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (period, site_id, service, minute) DO UPDATE SET
                        called = calls_by_wait_period.called + excluded.called""")) {
                for (Map.Entry<Minute, Long> e : minutes.entrySet()) {
                    Line l = e.getKey().line();
                    ps.setString(1, l.period());
                    ps.setString(2, l.site());
                    ps.setString(3, l.service());
                    ps.setInt(4, e.getKey().minute());
                    ps.setLong(5, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        lines.clear();
        minutes.clear();
    }
}
