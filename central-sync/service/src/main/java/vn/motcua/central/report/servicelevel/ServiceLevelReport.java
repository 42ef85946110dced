package vn.motcua.central.report.servicelevel;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Waiting against each service's target, per site, day, service and counter: tickets called and served (from
 * {@code queue_daily}) and how many of the known waits passed the target (from {@code calls_by_wait_minute}); both
 * are filled by the queue rollup, a wait running from the ticket's issue to its first call.
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
