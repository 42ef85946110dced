package vn.motcua.central.report.servicelevel;

import jakarta.inject.Singleton;
import vn.motcua.central.report.satisfaction.SatisfactionPeriod;
import vn.motcua.central.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Waiting against each service's target, per site, day, service and counter: tickets called and served (from
 * {@code queue_daily}) and how many of the known waits passed the target (from {@code calls_by_wait_minute}); both
 * are filled by the queue rollup, a wait running from the ticket's issue to its first call. Over all sites, one line
 * per site and service for a month, quarter or year, from the sums the rollup keeps per period
 * ({@link ServiceLevelSums}).
 */
@Singleton
public class ServiceLevelReport {
    private final Database sql;
    private final SiteTargets configured = new SiteTargets();

    public ServiceLevelReport(Database sql) {
        this.sql = sql;
    }

    /**
     * The report over {@code from}–{@code to} (local days, both included); {@code site} empty for all sites. The
     * total counts the calls, services and no-shows of every line, and the known waits and those over target of the
     * lines that have a target (of all lines when none has).
     */
    public record Report(LocalDate from, LocalDate to, String site, List<ServiceLevelLine> lines,
                         ServiceLevelLine total) {
    }

    private record Key(String site, String day, String service, String counter) {
    }

    /** All sites over a period: a line per site and service (no day, no counter), and their total. */
    public record SitesReport(SatisfactionPeriod period, List<ServiceLevelLine> lines, ServiceLevelLine total) {
    }

    private record SiteService(String site, String service) {
    }

    /** Targets per query: three parameters each, well under either database's limit. */
    private static final int TARGETS_PER_QUERY = 500;

    /**
     * Every site's lines of a period: each is the one-site report's lines of that site and service summed over the
     * period's days, measured against the site's current targets as that report is.
     */
    public SitesReport sites(SatisfactionPeriod period) {
        return sql.query("service-level report of all sites", c -> {
            Map<String, Map<String, Integer>> targets = configured.targets(c, "");
            Map<SiteService, long[]> figures = new TreeMap<>(Comparator.comparing(SiteService::site)
                    .thenComparing(SiteService::service));
            try (PreparedStatement ps = c.prepareStatement("SELECT site_id, service, called, served, no_shows, "
                    + "waited FROM service_level_period WHERE period = ?")) {
                ps.setString(1, period.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        figures.put(new SiteService(rs.getString(1), rs.getString(2)),
                                new long[]{rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), 0});
                    }
                }
            }
            List<SiteService> targeted = figures.keySet().stream()
                    .filter(k -> targets.getOrDefault(k.site(), Map.of()).containsKey(k.service())).toList();
            // the database sums the minutes above each line's own target, so one row per line comes back; a
            // subquery per line reads only its minutes over target through the key (a join scanned the period)
            for (int start = 0; start < targeted.size(); start += TARGETS_PER_QUERY) {
                List<SiteService> chunk = targeted.subList(start, Math.min(targeted.size(), start + TARGETS_PER_QUERY));
                try (PreparedStatement ps = c.prepareStatement("WITH t (site_id, service, target_minutes) AS (VALUES "
                        + "(?, ?, ?), ".repeat(chunk.size() - 1) + "(?, ?, ?)) SELECT t.site_id, t.service, "
                        + "(SELECT SUM(m.called) FROM calls_by_wait_period m WHERE m.period = ? "
                        + "AND m.site_id = t.site_id AND m.service = t.service AND m.minute > t.target_minutes) "
                        + "FROM t")) {
                    int i = 1;
                    for (SiteService k : chunk) {
                        ps.setString(i++, k.site());
                        ps.setString(i++, k.service());
                        ps.setInt(i++, targets.get(k.site()).get(k.service()));
                    }
                    ps.setString(i, period.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            figures.get(new SiteService(rs.getString(1), rs.getString(2)))[4] = rs.getLong(3);
                        }
                    }
                }
            }
            List<ServiceLevelLine> lines = new ArrayList<>();
            figures.forEach((k, f) -> {
                Integer target = targets.getOrDefault(k.site(), Map.of()).get(k.service());
                lines.add(new ServiceLevelLine(k.site(), null, k.service(), null, target, f[0], f[1], f[2], f[3],
                        target == null ? null : f[4]));
            });
            return new SitesReport(period, List.copyOf(lines), total(lines));
        });
    }

    public Report report(LocalDate from, LocalDate to, String site) {
        return sql.query("service-level report", c -> {
            Map<String, Map<String, Integer>> targets = configured.targets(c, site);
            Map<Key, long[]> figures = new java.util.TreeMap<>(java.util.Comparator.comparing(Key::site)
                    .thenComparing(Key::day).thenComparing(Key::service).thenComparing(Key::counter));
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT site_id, day, service, counter, called, served, no_shows, waited FROM queue_daily
                    WHERE day >= ? AND day <= ? AND counter <> ''""" + (site.isEmpty() ? "" : " AND site_id = ?"))) {
                bind(ps, from, to, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        figures.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                                new long[]{rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), 0});
                    }
                }
            }
            // only the minutes above the smallest target in play come back; each line then counts above its own
            int smallest = targets.values().stream().flatMap(t -> t.values().stream()).mapToInt(Integer::intValue)
                    .min().orElse(Integer.MAX_VALUE);
            if (smallest != Integer.MAX_VALUE) {
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT site_id, day, service, counter, minute, called FROM calls_by_wait_minute
                        WHERE day >= ? AND day <= ? AND minute > ?""" + (site.isEmpty() ? "" : " AND site_id = ?"))) {
                    ps.setString(1, from.toString());
                    ps.setString(2, to.toString());
                    ps.setInt(3, smallest);
                    if (!site.isEmpty()) {
                        ps.setString(4, site);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Integer target = targets.getOrDefault(rs.getString(1), Map.of()).get(rs.getString(3));
                            long[] f = figures.get(new Key(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4)));
                            if (target != null && f != null && rs.getInt(5) > target) {
                                f[4] += rs.getLong(6);
                            }
                        }
                    }
                }
            }
            List<ServiceLevelLine> lines = new ArrayList<>();
            figures.forEach((k, f) -> {
                Integer target = targets.getOrDefault(k.site(), Map.of()).get(k.service());
                lines.add(new ServiceLevelLine(k.site(), k.day(), k.service(), k.counter(), target, f[0], f[1], f[2],
                        f[3], target == null ? null : f[4]));
            });
            return new Report(from, to, site, List.copyOf(lines), total(lines));
        });
    }

    private static void bind(PreparedStatement ps, LocalDate from, LocalDate to, String site)
            throws java.sql.SQLException {
        ps.setString(1, from.toString());
        ps.setString(2, to.toString());
        if (!site.isEmpty()) {
            ps.setString(3, site);
        }
    }

    /** Every line summed; waits over target only over the lines that have a target. */
    static ServiceLevelLine total(Collection<ServiceLevelLine> lines) {
        long called = 0;
        long served = 0;
        long noShows = 0;
        long waited = 0;
        long targeted = 0;
        long over = 0;
        boolean anyTarget = false;
        for (ServiceLevelLine l : lines) {
            called += l.called();
            served += l.served();
            noShows += l.noShows();
            waited += l.waited();
            if (l.overTarget() != null) {
                anyTarget = true;
                targeted += l.waited();
                over += l.overTarget();
            }
        }
        return new ServiceLevelLine(null, null, null, null, null, called, served, noShows, anyTarget ? targeted
                : waited, anyTarget ? over : null);
    }
}
