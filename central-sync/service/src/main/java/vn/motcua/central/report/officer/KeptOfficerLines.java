package vn.motcua.central.report.officer;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The officer's day of all sites, read from each site's lines as {@link OfficerLinesRefresher} kept them
 * ({@code officer_lines_kept}): about one row per site, so a month of every site reads as fast as a day. The figures
 * are those of the one-site report when each site's lines were computed; a site whose days changed since is counted
 * as waiting, not computed here (computing every site inline is what made the report slow).
 */
@Singleton
public class KeptOfficerLines {
    private final Database sql;

    public KeptOfficerLines(Database sql) {
        this.sql = sql;
    }

    /**
     * All sites' lines of the period, in the report's order (by site, then officer).
     *
     * @param asOf         when the oldest site's lines of the period were computed, epoch milliseconds; null when
     *                     none is kept
     * @param waitingSites sites with days of the period marked due: their figures may lag
     */
    public record AllSites(OfficerDayReport.Report report, Long asOf, int waitingSites) {
    }

    private record Kept(String site, long computedAt, String lines) {
    }

    public AllSites report(OfficerPeriod period) {
        return sql.query("kept officer lines of all sites", c -> {
            List<Kept> kept = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT site_id, computed_at, lines FROM officer_lines_kept WHERE kind = ? AND period = ?")) {
                ps.setString(1, period.kind());
                ps.setString(2, period.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kept.add(new Kept(rs.getString(1), rs.getLong(2), rs.getString(3)));
                    }
                }
            }
            // sorted here, not by the database: its collation need not order text as the one-site report does
            kept.sort(Comparator.comparing(Kept::site));
            List<OfficerLine> lines = new ArrayList<>();
            Long asOf = null;
            for (Kept k : kept) {
                OfficerLineCodec.decode(k.site(), k.lines(), lines);
                asOf = asOf == null ? k.computedAt() : Math.min(asOf, k.computedAt());
            }
            return new AllSites(new OfficerDayReport.Report(period, "", null, List.copyOf(lines)), asOf,
                    waiting(c, period));
        });
    }

    private static int waiting(Connection c, OfficerPeriod period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(DISTINCT site_id) FROM officer_lines_due WHERE day >= ? AND day <= ?")) {
            ps.setString(1, period.from().toString());
            ps.setString(2, period.to().toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
