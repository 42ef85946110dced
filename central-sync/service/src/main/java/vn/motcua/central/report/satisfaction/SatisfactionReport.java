package vn.motcua.central.report.satisfaction;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;

/**
 * Satisfaction as Decision 766/QĐ-TTg counts it, per site and officer, counter and procedure, over a month, quarter
 * or year: tickets served, ratings and how many of them were satisfied or dissatisfied, read from the sums the
 * rollups keep for exactly those periods ({@link SatisfactionSums}). Each site's lines are scored by its own rules.
 */
@Singleton
public class SatisfactionReport {
    private final Database sql;
    private final SiteSatisfaction configured = new SiteSatisfaction();

    public SatisfactionReport(Database sql) {
        this.sql = sql;
    }

    /**
     * The report: {@code unit} is the site's name from its newest configuration (its id without one), null for all
     * sites; the total line has a null key.
     */
    public record Report(SatisfactionPeriod period, String site, String unit, List<SatisfactionLine> officers,
                         List<SatisfactionLine> counters, List<SatisfactionLine> procedures, SatisfactionLine total) {
    }

    private static final class Counts {
        Long served;
        long rated;
        long satisfied;
        long dissatisfied;
    }

    /** {@code site}: one site's id, or empty for all sites. */
    public Report report(SatisfactionPeriod period, String site) {
        return sql.query("766 satisfaction report", c -> {
            Map<String, SiteSatisfaction.Site> sites = configured.sites(c, site);
            Function<String, SatisfactionRules> rules = id -> {
                SiteSatisfaction.Site s = sites.get(id);
                return s == null ? SatisfactionRules.DEFAULT : s.rules();
            };
            List<SatisfactionLine> officers = lines(c, SatisfactionSums.By.OFFICER, period, site, rules);
            List<SatisfactionLine> counters = lines(c, SatisfactionSums.By.COUNTER, period, site, rules);
            List<SatisfactionLine> procedures = lines(c, SatisfactionSums.By.PROCEDURE, period, site, rules);
            // every rating and every served ticket has a counter ('' when it named none): the counters add up to all
            Counts all = new Counts();
            all.served = 0L;
            for (SatisfactionLine l : counters) {
                all.served += l.served() == null ? 0 : l.served();
                all.rated += l.rated();
                all.satisfied += l.satisfied();
                all.dissatisfied += l.dissatisfied();
            }
            SatisfactionRules totalRules = site.isEmpty() ? SatisfactionRules.DEFAULT : rules.apply(site);
            SatisfactionLine total = line(site.isEmpty() ? null : site, null, all, totalRules);
            SiteSatisfaction.Site named = sites.get(site);
            String unit = site.isEmpty() ? null : named == null || named.name() == null ? site : named.name();
            return new Report(period, site, unit, officers, counters, procedures, total);
        });
    }

    private static List<SatisfactionLine> lines(Connection c, SatisfactionSums.By by, SatisfactionPeriod period,
                                                String site, Function<String, SatisfactionRules> rules)
            throws SQLException {
        List<String> counted = by.counted();
        List<SatisfactionLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT site_id, " + by.column + ", " + String.join(", ", counted)
                + " FROM " + by.table + " WHERE period = ?" + (site.isEmpty() ? "" : " AND site_id = ?"))) {
            ps.setString(1, period.value());
            if (!site.isEmpty()) {
                ps.setString(2, site);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String lineSite = rs.getString(1);
                    SatisfactionRules r = rules.apply(lineSite);
                    Counts n = new Counts();
                    int column = 3;
                    if (by.served) {
                        n.served = rs.getLong(column++);
                    }
                    for (String level : SatisfactionSums.LEVEL_COLUMNS) {
                        long ratings = rs.getLong(column++);
                        n.rated += ratings;
                        if (r.satisfied().contains(level)) {
                            n.satisfied += ratings;
                        }
                        if (r.dissatisfied().contains(level)) {
                            n.dissatisfied += ratings;
                        }
                    }
                    out.add(line(lineSite, rs.getString(2), n, r));
                }
            }
        }
        // in the same order on every database, whatever its collation
        out.sort(Comparator.comparing(SatisfactionLine::site).thenComparing(SatisfactionLine::key));
        return out;
    }

    private static SatisfactionLine line(String site, String key, Counts n, SatisfactionRules rules) {
        SatisfactionLine l = new SatisfactionLine(site, key, n.served, n.rated, n.satisfied, n.dissatisfied, null);
        return new SatisfactionLine(site, key, n.served, n.rated, n.satisfied, n.dissatisfied,
                rules.grade(l.ratio766()));
    }

}
