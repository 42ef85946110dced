package vn.motcua.central.report.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sites' months a batch of rolled-up events touches, marked in {@code integrity_due} in the rollup's own
 * transaction so {@link IntegrityPass} recomputes their kept figures. Each marking adds one to the row's
 * {@code marks}: the pass deletes a row only when it is still as the pass read it.
 */
public final class IntegrityDue {
    private final Set<List<String>> due = new TreeSet<>((a, b) -> a.get(0).equals(b.get(0))
            ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));

    /** A rating of the site on the local day {@code yyyy-MM-dd}: its month's figures change. */
    public void rated(String site, String day) {
        due.add(List.of(site, day.substring(0, 7)));
    }

    /**
     * A call or service of a ticket on the local day: besides the day's count of citizens served, it may change the
     * flags of the ticket's ratings, which are given in the same month or, rated late, in the next one. A rating of
     * the ticket stored before this event in any other month keeps its figures until that month is marked again.
     */
    public void ticketSeen(String site, String day) {
        String month = day.substring(0, 7);
        due.add(List.of(site, month));
        due.add(List.of(site, YearMonth.parse(month).plusMonths(1).toString()));
    }

    public void write(Connection c) throws SQLException {
        if (due.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO integrity_due (site_id, month, marks) VALUES (?, ?, 1)
                ON CONFLICT (site_id, month) DO UPDATE SET marks = integrity_due.marks + 1""")) {
            for (List<String> siteMonth : due) {
                ps.setString(1, siteMonth.get(0));
                ps.setString(2, siteMonth.get(1));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
