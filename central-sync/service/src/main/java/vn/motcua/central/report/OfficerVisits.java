package vn.motcua.central.report;

import vn.motcua.central.report.officer.OfficerLinesDue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static vn.motcua.central.store.NullableColumns.longOrNull;
import static vn.motcua.central.store.NullableColumns.setLong;

/**
 * The visits of the tickets of one queue rollup batch to the counters ({@code officer_visits}): a call opens a visit
 * at its counter under its officer; a call of a ticket whose visit is still open is a recall; a call of a ticket
 * served before is a transfer (the agent reports the part served at the first counter as served, and the ticket
 * waits again under its own id), which closes the earlier visit as transferred and opens the next, whose wait runs
 * from the transfer. A no-show names no officer: it is the one who called the ticket.
 */
final class OfficerVisits {
    static final String CALLED = "called";
    static final String SERVED = "served";
    static final String NO_SHOW = "no_show";
    static final String TRANSFERRED = "transferred";
    private static final int LOOKUP_CHUNK = 200;

    record TicketKey(String site, String kiosk, String ticketId) {
    }

    /** One visit; mutable while the batch is added, then written. */
    private static final class Visit {
        final long number;
        String day;
        String counter;
        String officer;
        String outcome;
        long recalls;
        Long calledAt;
        String calledBootId;
        Long calledUptimeMs;
        Long waitSeconds;
        Long finishedAt;
        String finishedBootId;
        Long finishedUptimeMs;
        Long serviceSeconds;

        Visit(long number) {
            this.number = number;
        }
    }

    /** Where an event happened by the kiosk's clocks. */
    record At(Instant at, String day, String bootId, long uptimeMs) {
    }

    private final Map<TicketKey, Visit> latest;
    private final Map<TicketKey, List<Visit>> changed = new HashMap<>();

    private OfficerVisits(Map<TicketKey, Visit> latest) {
        this.latest = latest;
    }

    /** The latest visit of each of these tickets, as stored. */
    static OfficerVisits load(Connection c, Set<TicketKey> keys) throws SQLException {
        Map<TicketKey, Visit> latest = new HashMap<>();
        List<TicketKey> all = new ArrayList<>(keys);
        for (int start = 0; start < all.size(); start += LOOKUP_CHUNK) {
            List<TicketKey> chunk = all.subList(start, Math.min(all.size(), start + LOOKUP_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT site_id, kiosk_id, ticket_id, visit, day, counter, officer_id, outcome, recalls, called_at,
                        called_boot_id, called_uptime_ms, wait_seconds, finished_at, finished_boot_id,
                        finished_uptime_ms, service_seconds FROM officer_visits
                    WHERE (site_id, kiosk_id, ticket_id) IN ("""
                    + "(?, ?, ?), ".repeat(chunk.size() - 1) + "(?, ?, ?))")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(3 * i + 1, chunk.get(i).site());
                    ps.setString(3 * i + 2, chunk.get(i).kiosk());
                    ps.setString(3 * i + 3, chunk.get(i).ticketId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TicketKey key = new TicketKey(rs.getString(1), rs.getString(2), rs.getString(3));
                        Visit v = new Visit(rs.getLong(4));
                        v.day = rs.getString(5);
                        v.counter = rs.getString(6);
                        v.officer = rs.getString(7);
                        v.outcome = rs.getString(8);
                        v.recalls = rs.getLong(9);
                        v.calledAt = longOrNull(rs, 10);
                        v.calledBootId = rs.getString(11);
                        v.calledUptimeMs = longOrNull(rs, 12);
                        v.waitSeconds = longOrNull(rs, 13);
                        v.finishedAt = longOrNull(rs, 14);
                        v.finishedBootId = rs.getString(15);
                        v.finishedUptimeMs = longOrNull(rs, 16);
                        v.serviceSeconds = longOrNull(rs, 17);
                        Visit known = latest.get(key);
                        if (known == null || known.number < v.number) {
                            latest.put(key, v);
                        }
                    }
                }
            }
        }
        return new OfficerVisits(latest);
    }

    /**
     * A call. {@code waitSinceIssue}: the wait from the ticket's issue when this is its first call and the issue is
     * known (null otherwise).
     */
    void called(TicketKey key, At at, String counter, String officer, Long waitSinceIssue) {
        Visit last = latest.get(key);
        if (last != null && last.outcome.equals(CALLED)) {
            last.recalls++;
            touch(key, last);
            return;
        }
        Visit v = new Visit(last == null ? 1 : last.number + 1);
        v.day = at.day();
        v.counter = counter;
        v.officer = officer;
        v.outcome = CALLED;
        v.calledAt = at.at().toEpochMilli();
        v.calledBootId = at.bootId();
        v.calledUptimeMs = at.uptimeMs();
        if (last == null) {
            v.waitSeconds = waitSinceIssue == null ? null : Math.round(waitSinceIssue / 1000.0);
        } else if (last.outcome.equals(SERVED)) {
            last.outcome = TRANSFERRED;
            touch(key, last);
            Long wait = last.finishedAt == null ? null : QueueRollup.waitMillis(last.finishedAt, last.finishedBootId,
                    last.finishedUptimeMs, at.at(), at.bootId(), at.uptimeMs());
            v.waitSeconds = wait == null ? null : Math.round(wait / 1000.0);
        }
        latest.put(key, v);
        touch(key, v);
    }

    /** A ticket served ({@code serviceSeconds} not null) or missed at {@code counter}. */
    void finished(TicketKey key, At at, String outcome, String counter, String officer, Long serviceSeconds) {
        Visit v = latest.get(key);
        if (v == null || !v.outcome.equals(CALLED)) {
            // its call was never seen (or came in out of order): a visit of its own, without a wait
            v = new Visit(v == null ? 1 : v.number + 1);
            v.day = at.day();
            v.counter = counter;
            v.officer = officer == null ? "" : officer;
            latest.put(key, v);
        }
        v.outcome = outcome;
        if (officer != null) {
            v.officer = officer;
        }
        v.finishedAt = at.at().toEpochMilli();
        v.finishedBootId = at.bootId();
        v.finishedUptimeMs = at.uptimeMs();
        v.serviceSeconds = serviceSeconds;
        touch(key, v);
    }

    private void touch(TicketKey key, Visit v) {
        List<Visit> list = changed.computeIfAbsent(key, k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x == v)) {
            list.add(v);
        }
    }

    /** The sites and days of the visits this batch changed: a ticket ended today may change yesterday's visit. */
    Set<OfficerLinesDue.SiteDay> changedDays() {
        Set<OfficerLinesDue.SiteDay> out = new HashSet<>();
        changed.forEach((k, visits) -> visits.forEach(v -> out.add(new OfficerLinesDue.SiteDay(k.site(), v.day))));
        return out;
    }

    void write(Connection c) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO officer_visits (site_id, kiosk_id, ticket_id, visit, day, counter, officer_id, outcome,
                    recalls, called_at, called_boot_id, called_uptime_ms, wait_seconds, finished_at,
                    finished_boot_id, finished_uptime_ms, service_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id, kiosk_id, ticket_id, visit) DO UPDATE SET day = excluded.day,
                    counter = excluded.counter, officer_id = excluded.officer_id, outcome = excluded.outcome,
                    recalls = excluded.recalls, called_at = excluded.called_at,
                    called_boot_id = excluded.called_boot_id, called_uptime_ms = excluded.called_uptime_ms,
                    wait_seconds = excluded.wait_seconds, finished_at = excluded.finished_at,
                    finished_boot_id = excluded.finished_boot_id, finished_uptime_ms = excluded.finished_uptime_ms,
                    service_seconds = excluded.service_seconds""")) {
            for (Map.Entry<TicketKey, List<Visit>> e : changed.entrySet()) {
                TicketKey k = e.getKey();
                for (Visit v : e.getValue()) {
                    ps.setString(1, k.site());
                    ps.setString(2, k.kiosk());
                    ps.setString(3, k.ticketId());
                    ps.setLong(4, v.number);
                    ps.setString(5, v.day);
                    ps.setString(6, v.counter);
                    ps.setString(7, v.officer);
                    ps.setString(8, v.outcome);
                    ps.setLong(9, v.recalls);
                    setLong(ps, 10, v.calledAt);
                    ps.setString(11, v.calledBootId);
                    setLong(ps, 12, v.calledUptimeMs);
                    setLong(ps, 13, v.waitSeconds);
                    setLong(ps, 14, v.finishedAt);
                    ps.setString(15, v.finishedBootId);
                    setLong(ps, 16, v.finishedUptimeMs);
                    setLong(ps, 17, v.serviceSeconds);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
