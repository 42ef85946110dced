package vn.motcua.central.report.officer;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps each site's officer lines per day, ISO week and month ({@code officer_lines_kept}) for the all-sites report
 * ({@link KeptOfficerLines}). Each pass takes the sites whose days are due longest ({@link OfficerLinesDue}), at most
 * {@code sitesPerPass}; for each it recomputes every due day, the weeks and months they fall in with the one-site
 * report ({@link OfficerDayReport}), writes them and deletes the markings it read. A day marked again meanwhile has
 * a newer version and stays due for the next pass.
 *
 * <p>A kept period's {@code computed_at} is when its computation began. Two refreshers (two central instances) may
 * compute one site at once: a write never replaces lines computed later, so the older computation cannot win.
 */
@Singleton
public class OfficerLinesRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(OfficerLinesRefresher.class);

    private final Database sql;
    private final OfficerDayReport reports;
    private final OfficerLinesConfig config;
    private final Clock clock;

    public OfficerLinesRefresher(Database sql, OfficerDayReport reports, OfficerLinesConfig config, Clock clock) {
        if (config.sitesPerPass() < 1) {
            throw new IllegalArgumentException("central.reports.officer-lines.sites-per-pass must be at least 1, not "
                    + config.sitesPerPass());
        }
        this.sql = sql;
        this.reports = reports;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${central.reports.officer-lines.refresh-every:1m}",
            initialDelay = "${central.reports.officer-lines.refresh-every:1m}")
    void scheduled() {
        try {
            runOnce();
        } catch (StoreException e) {
            LOG.warn("officer lines: stopped until the next pass, what is due stays due: {}", e.getMessage());
        }
    }

    /**
     * One pass: refreshes at most {@code sitesPerPass} sites; returns how many it refreshed.
     *
     * @throws StoreException when the database failed: the site being refreshed stays due
     */
    public int runOnce() {
        List<String> sites = sql.query("sites with officer lines due", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT site_id FROM officer_lines_due GROUP BY site_id "
                    + "ORDER BY MIN(marked_at), site_id LIMIT ?")) {
                ps.setInt(1, config.sitesPerPass());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        int refreshed = 0;
        for (String site : sites) {
            try {
                refresh(site);
                refreshed++;
            } catch (StoreException e) {
                throw e;
            } catch (RuntimeException e) {
                // one site's failure must not hold up the sites due after it, pass after pass
                LOG.error("officer lines of site {}: not refreshed, it stays due", site, e);
            }
        }
        return refreshed;
    }

    /** Recomputes the site's due days, their weeks and months; returns the periods written. */
    public int refresh(String site) {
        long began = clock.millis();
        Map<String, Long> due = sql.query("officer lines due of " + site, c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT day, version FROM officer_lines_due WHERE site_id = ?")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
        Set<OfficerPeriod> periods = new LinkedHashSet<>();
        for (String day : due.keySet()) {
            LocalDate d;
            try {
                d = LocalDate.parse(day);
            } catch (DateTimeException e) {
                continue; // not a day: no period holds it, the marking is only deleted
            }
            periods.add(OfficerPeriod.of("day", day, d));
            periods.add(OfficerPeriod.of("week", "", d));
            periods.add(OfficerPeriod.of("month", "", d));
        }
        Map<OfficerPeriod, String> computed = new LinkedHashMap<>();
        for (OfficerPeriod p : periods) {
            computed.put(p, OfficerLineCodec.encode(reports.report(p, site).officers()));
        }
        sql.write("keep officer lines of " + site, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO officer_lines_kept (kind, period, site_id, computed_at, lines) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (kind, period, site_id) DO UPDATE SET computed_at = excluded.computed_at,
                        lines = excluded.lines WHERE officer_lines_kept.computed_at <= excluded.computed_at""")) {
                for (Map.Entry<OfficerPeriod, String> e : computed.entrySet()) {
                    ps.setString(1, e.getKey().kind());
                    ps.setString(2, e.getKey().value());
                    ps.setString(3, site);
                    ps.setLong(4, began);
                    ps.setString(5, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // in day order, as the rollups mark them (OfficerLinesDue)
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM officer_lines_due WHERE site_id = ? AND day = ? AND version = ?")) {
                for (Map.Entry<String, Long> e : due.entrySet()) {
                    ps.setString(1, site);
                    ps.setString(2, e.getKey());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return computed.size();
    }
}
