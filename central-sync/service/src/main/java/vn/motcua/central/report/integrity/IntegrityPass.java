package vn.motcua.central.report.integrity;

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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the kept integrity figures ({@link IntegrityMonths}) of every site-month marked in
 * {@code integrity_due}: each with the one-site computation from the events, its rows replaced and its due row
 * deleted in one transaction, unless a rollup marked it again meanwhile (then the next pass recomputes it). The
 * current month is recomputed first, as it is the one read most.
 */
@Singleton
public class IntegrityPass {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityPass.class);

    private final Database sql;
    private final IntegrityService integrity;
    private final Clock clock;

    public IntegrityPass(Database sql, IntegrityService integrity, Clock clock) {
        this.sql = sql;
        this.integrity = integrity;
        this.clock = clock;
    }

    private record Due(String site, String month, long marks) {
    }

    @Scheduled(fixedDelay = "${central.reports.integrity.pass-every:30m}",
            initialDelay = "${central.reports.integrity.pass-every:30m}")
    void scheduled() {
        try {
            int n = runOnce();
            LOG.debug("integrity pass: {} site-months recomputed", n);
        } catch (StoreException e) {
            LOG.warn("integrity pass: stopped until its next run: {}", e.getMessage());
        }
    }

    /**
     * Recomputes each site-month due when the pass starts, newest month first; returns how many it recomputed.
     * One that failed stays due.
     *
     * @throws StoreException when the database failed
     */
    public int runOnce() {
        List<Due> due = sql.query("integrity due", c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT site_id, month, marks FROM integrity_due ORDER BY month DESC, site_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
        for (Due d : due) {
            recompute(d);
        }
        return due.size();
    }

    private void recompute(Due d) {
        List<IntegrityMonths.Row> rows;
        try {
            rows = integrity.monthFigures(d.site(), YearMonth.parse(d.month()));
        } catch (DateTimeException e) {
            LOG.warn("integrity pass: site {} month {} is no month, left out", d.site(), d.month());
            rows = List.of();
        }
        List<IntegrityMonths.Row> kept = rows;
        sql.write("keep integrity figures of " + d.site() + " " + d.month(), c -> {
            IntegrityMonths.replace(c, d.site(), d.month(), kept, clock.millis());
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM integrity_due WHERE site_id = ? AND month = ? AND marks = ?")) {
                ps.setString(1, d.site());
                ps.setString(2, d.month());
                ps.setLong(3, d.marks());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
