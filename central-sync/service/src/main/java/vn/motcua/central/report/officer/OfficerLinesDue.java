package vn.motcua.central.report.officer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * Marks sites' local days whose kept officer lines ({@link KeptOfficerLines}) are out of date, in the caller's
 * transaction: the rollups call it with every site and day whose {@code officer_visits}, {@code counter_sign_ins} or
 * {@code rating_daily_officer} rows they change, so the marking commits with the change or not at all.
 */
public final class OfficerLinesDue {
    /** A site's local day, {@code 2026-11-03}. */
    public record SiteDay(String site, String day) {
    }

    private static final Comparator<SiteDay> ORDER = Comparator.comparing(SiteDay::site)
            .thenComparing(SiteDay::day);

    private OfficerLinesDue() {
    }

    /**
     * Marks every day of the site that has kept lines due, in the caller's transaction: a new configuration may
     * change the site's satisfaction rules, which every kept share satisfied was computed by.
     */
    public static void markKeptDays(Connection c, String site, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO officer_lines_due (site_id, day, marked_at, version)
                SELECT site_id, period, ?, 1 FROM officer_lines_kept WHERE kind = 'day' AND site_id = ?
                ON CONFLICT (site_id, day) DO UPDATE SET version = officer_lines_due.version + 1""")) {
            ps.setLong(1, now);
            ps.setString(2, site);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the days due; a day already due counts its version up, so a refresher that read the earlier version
     * leaves it due. Written in (site, day) order, as the refresher deletes them, so two transactions marking or
     * deleting the same days wait for each other instead of deadlocking.
     */
    public static void mark(Connection c, Collection<SiteDay> days, long now) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        TreeSet<SiteDay> ordered = new TreeSet<>(ORDER);
        ordered.addAll(days);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO officer_lines_due (site_id, day, marked_at, version) VALUES (?, ?, ?, 1)
                ON CONFLICT (site_id, day) DO UPDATE SET version = officer_lines_due.version + 1""")) {
            for (SiteDay d : ordered) {
                ps.setString(1, d.site());
                ps.setString(2, d.day());
                ps.setLong(3, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
