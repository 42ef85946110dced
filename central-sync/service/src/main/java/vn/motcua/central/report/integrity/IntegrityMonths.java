package vn.motcua.central.report.integrity;

import vn.motcua.central.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures the flags are made of, kept per site and month in {@code integrity_month} by {@link IntegrityPass},
 * and the flags of whole months summed from them: each per-rating flag's count is the sum of the months' counts, and
 * the top-level share test runs on each officer's or kiosk's summed ratings against the summed rest of its site,
 * as {@link IntegrityCheck} runs it on the ratings.
 * <p>
 * A burst is found within one site-month's ratings, so a burst across the end of a month is counted in a month only
 * when its part in that month is a burst by itself. Every other flag is the same whatever the range: a rating's
 * ticket is looked up among every call and service ever stored, and the anonymous ratings are weighed per day.
 */
public final class IntegrityMonths {
    private final Database sql;
    private final IntegrityCheck check;

    IntegrityMonths(Database sql, IntegrityCheck check) {
        this.sql = sql;
        this.check = check;
    }

    /** The kept figures of one officer or kiosk of a site's month; id '' holds the ratings that name no officer. */
    public record Row(Subject subject, String id, long ratings, long top, long burst, long neverServed,
                      long ratedLate, long anonymousOverServed) {
    }

    /**
     * The flags of whole months summed from the kept figures, the time the oldest of those figures was computed
     * (null when none is kept), and how many sites still have a month of the range due for recomputing.
     */
    public record Kept(List<Flag> flags, Instant asOf, long sitesDue) {
    }

    /**
     * Whether a range is whole months: from a month's 1st to a month's last day, or to today or later in the
     * current month (the kept figures of the current month hold every rating received so far).
     */
    public static boolean wholeMonths(LocalDate from, LocalDate to, LocalDate today) {
        return from.getDayOfMonth() == 1 && (to.equals(YearMonth.from(to).atEndOfMonth())
                || !to.isBefore(today) && YearMonth.from(to).equals(YearMonth.from(today)));
    }

    /** The rows kept for one site's month: every officer and kiosk rated, and the ratings each flag marks. */
    static List<Row> rows(List<Rated> ratings, List<Flag> flags) {
        Map<Subject, Map<String, long[]>> counts = new EnumMap<>(Subject.class);
        for (Rated r : ratings) {
            for (Subject s : Subject.values()) {
                long[] c = counts.computeIfAbsent(s, k -> new TreeMap<>()).computeIfAbsent(r.subject(s),
                        k -> new long[6]);
                c[0]++;
                c[1] += r.top() ? 1 : 0;
            }
        }
        for (Flag f : flags) {
            int column = switch (f.kind()) {
                case BURST -> 2;
                case NEVER_SERVED -> 3;
                case RATED_LATE -> 4;
                case ANONYMOUS_OVER_SERVED -> 5;
                case TOP_SHARE -> -1;
            };
            if (column > 0) {
                counts.get(f.subject()).get(f.id())[column] += f.flagged();
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((s, byId) -> byId.forEach((id, c) -> rows.add(new Row(s, id, c[0], c[1], c[2], c[3], c[4],
                c[5]))));
        return rows;
    }

    /** Replaces a site-month's kept rows. */
    static void replace(Connection c, String site, String month, List<Row> rows, long computedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM integrity_month WHERE month = ? AND site_id = ?")) {
            ps.setString(1, month);
            ps.setString(2, site);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO integrity_month (month, site_id, subject, subject_id, ratings, top_level, burst,
                    never_served, rated_late, anonymous_over_served, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Row r : rows) {
                ps.setString(1, month);
                ps.setString(2, site);
                ps.setString(3, r.subject().code);
                ps.setString(4, r.id());
                ps.setLong(5, r.ratings());
                ps.setLong(6, r.top());
                ps.setLong(7, r.burst());
                ps.setLong(8, r.neverServed());
                ps.setLong(9, r.ratedLate());
                ps.setLong(10, r.anonymousOverServed());
                ps.setLong(11, computedAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The flags of the months {@code from}–{@code to} and site (every site when none), from the kept rows. */
    public Kept kept(YearMonth from, YearMonth to, String site) {
        String siteFilter = site.isEmpty() ? "" : " AND site_id = ?";
        return sql.query("integrity by month", c -> {
            Map<String, long[]> siteTotals = new HashMap<>();
            List<Object[]> subjects = new ArrayList<>();
            long oldest = Long.MAX_VALUE;
            try (PreparedStatement ps = c.prepareStatement("SELECT site_id, subject, subject_id, SUM(ratings), "
                    + "SUM(top_level), SUM(burst), SUM(never_served), SUM(rated_late), SUM(anonymous_over_served), "
                    + "MIN(computed_at) FROM integrity_month WHERE month >= ? AND month <= ?" + siteFilter
                    + " GROUP BY site_id, subject, subject_id")) {
                bind(ps, from, to, site);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Subject s = Subject.of(rs.getString(2)).orElse(null);
                        if (s == null) {
                            continue;
                        }
                        long[] n = {rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                                rs.getLong(9)};
                        long[] total = siteTotals.computeIfAbsent(rs.getString(1) + "\u0000" + s.code,
                                k -> new long[2]);
                        total[0] += n[0];
                        total[1] += n[1];
                        oldest = Math.min(oldest, rs.getLong(10));
                        subjects.add(new Object[] {rs.getString(1), s, rs.getString(3), n});
                    }
                }
            }
            List<Flag> flags = new ArrayList<>();
            for (Object[] row : subjects) {
                String siteId = (String) row[0];
                Subject s = (Subject) row[1];
                String id = (String) row[2];
                long[] n = (long[]) row[3];
                if (id.isEmpty()) {
                    continue;
                }
                FlagKind[] kinds = {FlagKind.BURST, FlagKind.NEVER_SERVED, FlagKind.RATED_LATE,
                        FlagKind.ANONYMOUS_OVER_SERVED};
                for (int k = 0; k < kinds.length; k++) {
                    if (n[k + 2] > 0) {
                        flags.add(new Flag(siteId, s, id, kinds[k], List.of(), n[k + 2], n[0], null, null));
                    }
                }
                long[] total = siteTotals.get(siteId + "\u0000" + s.code);
                double[] test = check.topShare(n[0], n[1], total[0], total[1]);
                if (test != null) {
                    flags.add(new Flag(siteId, s, id, FlagKind.TOP_SHARE, List.of(), n[1], n[0], test[0], test[1]));
                }
            }
            flags.sort(Comparator.comparing(Flag::site).thenComparing(Flag::subject).thenComparing(Flag::id)
                    .thenComparing(Flag::kind));
            long due;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT site_id) FROM integrity_due "
                    + "WHERE month >= ? AND month <= ?" + siteFilter)) {
                bind(ps, from, to, site);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    due = rs.getLong(1);
                }
            }
            return new Kept(flags, oldest == Long.MAX_VALUE ? null : Instant.ofEpochMilli(oldest), due);
        });
    }

    private static void bind(PreparedStatement ps, YearMonth from, YearMonth to, String site) throws SQLException {
        ps.setString(1, from.toString());
        ps.setString(2, to.toString());
        if (!site.isEmpty()) {
            ps.setString(3, site);
        }
    }
}
