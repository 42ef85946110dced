package vn.motcua.central.report.officer;

import jakarta.inject.Singleton;
import vn.motcua.central.report.satisfaction.SatisfactionRules;
import vn.motcua.central.report.satisfaction.SiteSatisfaction;
import vn.motcua.central.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import static vn.motcua.central.store.NullableColumns.longOrNull;

/**
 * The officer's day, week or month: per site and officer the tickets served, no-shows, transfers and recalls, the
 * median and 90th percentile of the waits of the tickets they called and of their service times, their time at the
 * counter and the idle time in it, from the queue rollup's {@code officer_visits}; their time signed in, from
 * {@code counter_sign_ins}; the ratings that name them and the share satisfied by the site's own rules
 * ({@code SiteConfig.satisfaction}), from {@code rating_daily_officer}.
 *
 * <p>Time signed in, per day: each sign-in runs to the officer's next sign-out. One without a sign-out before the
 * officer's next sign-in or the end of the day (the agent restarted, or the session crossed midnight) runs to the
 * officer's last event before then (a call, the end of a ticket, a sign-in or sign-out), never to the report's now, so
 * a day's figure does not change while the day is read. A sign-out without its sign-in that day counts nothing. On a
 * day with sign-ins, idle time is the time signed in less the service time of the tickets the officer served or
 * transferred that day (never below zero); on a day without any (an agent that sends no sign-in events), idle time
 * is still the gaps between one ticket's end and the next call, and the day adds nothing to the time signed in.
 *
 * <p>Percentiles interpolate between the two nearest ranks (as PostgreSQL's {@code percentile_cont} and
 * spreadsheets' {@code PERCENTILE.INC} do), so the median of an even count is the mean of the middle two.
 * A wait is counted for each visit whose wait is known (the first call from the issue, a transferred ticket's next
 * call from the transfer); a service time for each ticket served or transferred.
 */
@Singleton
public class OfficerDayReport {
    private final Database sql;
    private final SiteSatisfaction configured = new SiteSatisfaction();

    public OfficerDayReport(Database sql) {
        this.sql = sql;
    }

    /** The report; {@code unit} is the site's configured name (its id without one), null for all sites. */
    public record Report(OfficerPeriod period, String site, String unit, List<OfficerLine> officers) {
    }

    private static final class Figures {
        long served;
        long noShows;
        long transfers;
        long recalls;
        final List<Long> waits = new ArrayList<>();
        final List<Long> services = new ArrayList<>();
        long atCounterMs;
        long idleMs;
        boolean measured;
        long signedInMs;
        boolean signedInMeasured;
        long rated;
        long satisfied;
        final Map<String, Day> days = new TreeMap<>();

        Day day(String day) {
            return days.computeIfAbsent(day, d -> new Day());
        }
    }

    /** One officer's day, in call order. */
    private static final class Day {
        Long start;
        Long end;
        Long lastFinish;
        long gapsMs;
        long serviceMs;
        final List<Long> activity = new ArrayList<>();
        /** In the kiosk's order. */
        final List<Sign> signs = new ArrayList<>();
    }

    /** A sign-in ({@code in}) or sign-out at {@code at}, epoch milliseconds. */
    private record Sign(long at, boolean in) {
    }

    /** A site and an officer, as the lines are keyed and ordered. */
    private record Officer(String site, String id) {
    }

    private static final Comparator<OfficerLine> LINE_ORDER = Comparator.comparing(OfficerLine::site)
            .thenComparing(OfficerLine::officer);

    /**
     * {@code site}: one site's id, or empty for all sites. The visits are read in officer order and each officer's
     * line is made as soon as the next officer's visits begin, so a month of every site's visits (millions) is never
     * held at once; the sign-ins and ratings, far fewer, are read first.
     */
    public Report report(OfficerPeriod period, String site) {
        return sql.query("officer's day report", c -> {
            Map<String, SiteSatisfaction.Site> sites = configured.sites(c, site);
            Map<Officer, Figures> pending = new HashMap<>();
            signIns(c, period, site, pending);
            ratings(c, period, site, sites, pending);
            List<OfficerLine> lines = new ArrayList<>();
            visits(c, period, site, pending, (officer, f) -> lines.add(line(officer, f)));
            // officers who signed in or were rated but called no one in the period
            pending.forEach((officer, f) -> lines.add(line(officer, f)));
            lines.sort(LINE_ORDER);
            SiteSatisfaction.Site named = sites.get(site);
            String unit = site.isEmpty() ? null : named == null || named.name() == null ? site : named.name();
            return new Report(period, site, unit, List.copyOf(lines));
        });
    }

    private static OfficerLine line(Officer officer, Figures f) {
        f.days.values().forEach(d -> closeDay(f, d));
        return new OfficerLine(officer.site(), officer.id(), f.served, f.noShows, f.transfers, f.recalls,
                percentile(f.waits, 0.5), percentile(f.waits, 0.9), percentile(f.services, 0.5),
                percentile(f.services, 0.9), f.signedInMeasured ? f.signedInMs / 1000.0 : null,
                f.measured ? f.atCounterMs / 1000.0 : null, f.measured ? f.idleMs / 1000.0 : null, f.rated,
                f.satisfied);
    }

    /**
     * Reads the visits in officer order, adding each to its officer's figures (taken from {@code pending}, which
     * holds the sign-ins and ratings read before), and hands each officer's figures to {@code done} once their
     * visits are over.
     */
    private static void visits(Connection c, OfficerPeriod period, String site, Map<Officer, Figures> pending,
                               BiConsumer<Officer, Figures> done) throws SQLException {
        // in call order within each officer's day; a visit whose call was never seen sorts by its end
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT site_id, officer_id, day, outcome, recalls, called_at, wait_seconds, finished_at,
                    service_seconds FROM officer_visits WHERE day >= ? AND day <= ?"""
                + (site.isEmpty() ? "" : " AND site_id = ?")
                + " ORDER BY site_id, officer_id, day, COALESCE(called_at, finished_at), ticket_id, visit")) {
            bind(ps, period, site);
            try (ResultSet rs = ps.executeQuery()) {
                Officer current = null;
                Figures f = null;
                while (rs.next()) {
                    Officer officer = new Officer(rs.getString(1), rs.getString(2));
                    if (!officer.equals(current)) {
                        if (current != null) {
                            done.accept(current, f);
                        }
                        current = officer;
                        Figures known = pending.remove(officer);
                        f = known != null ? known : new Figures();
                    }
                    visit(f, rs);
                }
                if (current != null) {
                    done.accept(current, f);
                }
            }
        }
    }

    private static void visit(Figures f, ResultSet rs) throws SQLException {
        String day = rs.getString(3);
        String outcome = rs.getString(4);
        f.recalls += rs.getLong(5);
        Long calledAt = longOrNull(rs, 6);
        Long wait = longOrNull(rs, 7);
        Long finishedAt = longOrNull(rs, 8);
        Long service = longOrNull(rs, 9);
        switch (outcome) {
            case "served" -> f.served++;
            case "no_show" -> f.noShows++;
            case "transferred" -> f.transfers++;
            default -> {
                // still at the counter
            }
        }
        if (wait != null) {
            f.waits.add(wait);
        }
        Day d = f.day(day);
        if (service != null && !outcome.equals("no_show")) {
            f.services.add(service);
            d.serviceMs += service * 1000;
        }
        walk(d, calledAt, finishedAt);
    }

    /** Adds one visit to the officer's day: its span, and the gap since the end of the ticket before it. */
    private static void walk(Day d, Long calledAt, Long finishedAt) {
        Long start = calledAt != null ? calledAt : finishedAt;
        Long end = finishedAt != null ? finishedAt : calledAt;
        if (start == null) {
            return;
        }
        d.activity.add(start);
        d.activity.add(end);
        if (calledAt != null && d.lastFinish != null && calledAt > d.lastFinish) {
            d.gapsMs += calledAt - d.lastFinish;
        }
        d.start = d.start == null ? start : Math.min(d.start, start);
        d.end = d.end == null ? end : Math.max(d.end, end);
        // a clock stepped back gives an end before the call: no gap is measured from it
        d.lastFinish = finishedAt != null && (calledAt == null || finishedAt >= calledAt) ? finishedAt : null;
    }

    private static void closeDay(Figures f, Day d) {
        boolean signed = !d.signs.isEmpty();
        long signedInMs = signed ? signedIn(d) : 0;
        if (signed) {
            f.signedInMs += signedInMs;
            f.signedInMeasured = true;
        }
        if (d.start != null) {
            f.atCounterMs += Math.max(0, d.end - d.start);
        }
        if (d.start != null || signed) {
            f.idleMs += signed ? Math.max(0, signedInMs - d.serviceMs) : d.gapsMs;
            f.measured = true;
        }
    }

    /** The day's signed-in time (see the class comment for a sign-in without its sign-out). */
    private static long signedIn(Day d) {
        long total = 0;
        Long open = null;
        for (Sign sign : d.signs) {
            long at = sign.at();
            if (sign.in()) {
                if (open != null) {
                    total += lastActivity(d, open, at) - open;
                }
                open = at;
            } else if (open != null) {
                total += Math.max(0, at - open);
                open = null;
            }
        }
        if (open != null) {
            total += lastActivity(d, open, Long.MAX_VALUE) - open;
        }
        return total;
    }

    /** The officer's last event from {@code from} and before {@code before}; {@code from} when there is none. */
    private static long lastActivity(Day d, long from, long before) {
        long last = from;
        for (long t : d.activity) {
            if (t >= from && t < before) {
                last = Math.max(last, t);
            }
        }
        return last;
    }

    private static void signIns(Connection c, OfficerPeriod period, String site, Map<Officer, Figures> figures)
            throws SQLException {
        // in the kiosk's order within each officer's day; events of several kiosks of a site by time
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT site_id, officer_id, day, at, signed_in FROM counter_sign_ins WHERE day >= ? AND day <= ?"""
                + (site.isEmpty() ? "" : " AND site_id = ?")
                + " ORDER BY site_id, officer_id, day, at, kiosk_id, seq")) {
            bind(ps, period, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Day d = figures.computeIfAbsent(new Officer(rs.getString(1), rs.getString(2)),
                            k -> new Figures()).day(rs.getString(3));
                    long at = rs.getLong(4);
                    d.signs.add(new Sign(at, rs.getLong(5) == 1));
                    d.activity.add(at);
                }
            }
        }
    }

    private static void ratings(Connection c, OfficerPeriod period, String site,
                                Map<String, SiteSatisfaction.Site> sites, Map<Officer, Figures> figures)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT site_id, officer_id, level, SUM(ratings) FROM "
                + "rating_daily_officer WHERE day >= ? AND day <= ?" + (site.isEmpty() ? "" : " AND site_id = ?")
                + " GROUP BY site_id, officer_id, level")) {
            bind(ps, period, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SiteSatisfaction.Site s = sites.get(rs.getString(1));
                    SatisfactionRules rules = s == null ? SatisfactionRules.DEFAULT : s.rules();
                    Figures f = figures.computeIfAbsent(new Officer(rs.getString(1), rs.getString(2)),
                            k -> new Figures());
                    long n = rs.getLong(4);
                    f.rated += n;
                    if (rules.satisfied().contains(rs.getString(3))) {
                        f.satisfied += n;
                    }
                }
            }
        }
    }

    /** The {@code p} quantile (0..1) of the values, interpolated between the nearest ranks; null for none. */
    static Double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        double rank = p * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.size() - 1, below + 1);
        return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    private static void bind(PreparedStatement ps, OfficerPeriod period, String site) throws SQLException {
        ps.setString(1, period.from().toString());
        ps.setString(2, period.to().toString());
        if (!site.isEmpty()) {
            ps.setString(3, site);
        }
    }
}
