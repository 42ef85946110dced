package vn.motcua.central.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import vn.motcua.central.store.SqlAccess;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds new ticket events to the daily queue figures ({@code queue_daily}), behind the {@code queue} watermark:
 * tickets issued per service; tickets called with their waiting time, served with their service time, and no-shows
 * per service and counter. A ticket's service comes from its {@code ticket.issued}, remembered in
 * {@code queue_open_tickets} for the events that follow it, possibly in a later run. A ticket event it cannot read
 * is set aside ({@link EventRollup}).
 */
@Singleton
public class QueueRollup {
    /** A wait longer than this is a kiosk clock gone wrong, not a citizen waiting: the call counts, the wait not. */
    static final Duration MAX_WAIT = Duration.ofHours(12);
    /** A call this much before its issue is a clock step back; less than that is read as no wait at all. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);
    /** How long a ticket is remembered after its last issue or call event. */
    static final Duration KEEP_OPEN = Duration.ofDays(3);
    /** A service time beyond this is no service; the bound also keeps the daily sums far from overflowing. */
    static final Duration MAX_SERVICE = Duration.ofDays(366);
    private static final int LOOKUP_CHUNK = 200;

    private final EventRollup<Event> rollup;
    private final Clock clock = Clock.systemUTC();

    public QueueRollup(SqlAccess sql, ReportConfig config) {
        this.rollup = new EventRollup<>("queue",
                List.of("ticket.issued", "ticket.called", "ticket.served", "ticket.no_show"), sql,
                config.rollupBatch(), QueueRollup::read, this::add, clock);
    }

    // the first run waits one interval too: a central starting on a backlog stores events before rolling them up
    @Scheduled(fixedDelay = "${central.reports.rollup-every:30s}", initialDelay = "${central.reports.rollup-every:30s}")
    void scheduled() {
        rollup.pass();
    }

    /**
     * Rolls up one batch; returns how many events it read, set aside ones included.
     *
     * @throws vn.motcua.central.store.StoreException when the database failed: nothing was written
     */
    public int runOnce() {
        return rollup.runOnce();
    }

    /** A ticket event as the rollup reads it; {@code service} only of an issue, {@code counter} '' of an issue. */
    private record Event(String site, String kiosk, String type, Instant at, String day, String bootId,
                         long uptimeMs, String ticketId, String service, String counter, long serviceSeconds) {
        TicketKey ticket() {
            return new TicketKey(site, kiosk, ticketId);
        }
    }

    private record TicketKey(String site, String kiosk, String ticketId) {
    }

    /** A remembered ticket; {@code service} is '' and {@code issuedAt} null when only its call was seen. */
    private record Ticket(String site, String service, Long issuedAt, String issuedBootId, Long issuedUptimeMs,
                          Long calledAt, long touchedAt) {
    }

    private record Key(String day, String site, String service, String counter) {
    }

    private static final class Figures {
        long issued;
        long called;
        long waited;
        long waitSeconds;
        long served;
        long noShows;
        long serviceSeconds;
    }

    private static Event read(RollupEvent e) throws RollupEvent.Unreadable {
        Instant at = e.instant();
        String day = e.localDay();
        JsonNode data = e.json();
        String ticketId = RollupEvent.requiredText(data, "ticketId");
        boolean issued = e.type().equals("ticket.issued");
        String service = issued ? RollupEvent.requiredText(data, "service") : "";
        String counter = issued ? "" : RollupEvent.requiredText(data, "counter");
        long serviceSeconds = e.type().equals("ticket.served")
                ? RollupEvent.wholeNumber(data, "serviceSeconds", Long.MIN_VALUE, MAX_SERVICE.toSeconds()) : 0;
        return new Event(e.siteId(), e.kioskId(), e.type(), at, day, e.bootId(), e.uptimeMs(), ticketId, service,
                counter, Math.max(0, serviceSeconds));
    }

    private void add(Connection c, List<Event> events) throws SQLException {
        Set<TicketKey> keys = new LinkedHashSet<>();
        events.forEach(e -> keys.add(e.ticket()));
        Map<TicketKey, Ticket> tickets = load(c, keys);
        Set<TicketKey> changed = new LinkedHashSet<>();
        Map<Key, Figures> sums = new HashMap<>();
        long newest = Long.MIN_VALUE;
        for (Event e : events) {
            add(e, tickets, changed, sums);
            newest = Math.max(newest, e.at().toEpochMilli());
        }
        writeFigures(c, sums);
        writeTickets(c, tickets, changed);
        // a kiosk whose clock runs ahead must not make every remembered ticket look old
        prune(c, Math.min(newest, clock.millis()) - KEEP_OPEN.toMillis());
    }

    private static void add(Event e, Map<TicketKey, Ticket> tickets, Set<TicketKey> changed, Map<Key, Figures> sums) {
        String day = e.day();
        long at = e.at().toEpochMilli();
        TicketKey key = e.ticket();
        Ticket t = tickets.get(key);
        String service = t == null ? "" : t.service();
        switch (e.type()) {
            case "ticket.issued" -> {
                sums.computeIfAbsent(new Key(day, e.site(), e.service(), ""), k -> new Figures()).issued++;
                // a call stored before its issue keeps its first-call time
                tickets.put(key, new Ticket(e.site(), e.service(), at, e.bootId(), e.uptimeMs(),
                        t == null ? null : t.calledAt(), Math.max(at, t == null ? at : t.touchedAt())));
                changed.add(key);
            }
            case "ticket.called" -> {
                if (t != null && t.calledAt() != null) {
                    return; // a recall: the ticket was called, and its wait ended, at the first call
                }
                Figures f = sums.computeIfAbsent(new Key(day, e.site(), service, e.counter()), k -> new Figures());
                f.called++;
                Long wait = t == null ? null : waitMillis(t, e);
                if (wait != null) {
                    f.waited++;
                    f.waitSeconds += Math.round(wait / 1000.0);
                }
                tickets.put(key, t == null ? new Ticket(e.site(), "", null, null, null, at, at)
                        : new Ticket(t.site(), t.service(), t.issuedAt(), t.issuedBootId(), t.issuedUptimeMs(), at,
                        Math.max(at, t.touchedAt())));
                changed.add(key);
            }
            case "ticket.served" -> {
                Figures f = sums.computeIfAbsent(new Key(day, e.site(), service, e.counter()), k -> new Figures());
                f.served++;
                f.serviceSeconds += e.serviceSeconds();
            }
            case "ticket.no_show" -> sums.computeIfAbsent(new Key(day, e.site(), service, e.counter()),
                    k -> new Figures()).noShows++;
            default -> throw new IllegalStateException("not a ticket event: " + e.type());
        }
    }

    /**
     * The wait from issue to first call, or null when it cannot be trusted. Within one boot the kiosk's monotonic
     * uptime measures it, whatever its wall clock did in between (e.g. its first NTP sync).
     */
    static Long waitMillis(long issuedAt, String issuedBootId, Long issuedUptimeMs, Instant calledAt,
                           String calledBootId, long calledUptimeMs) {
        long wait;
        try {
            wait = issuedUptimeMs != null && calledBootId.equals(issuedBootId)
                    ? Math.subtractExact(calledUptimeMs, issuedUptimeMs)
                    : Math.subtractExact(calledAt.toEpochMilli(), issuedAt);
        } catch (ArithmeticException e) {
            return null; // uptimes or times that far apart are no wait at all
        }
        if (wait < -CLOCK_TOLERANCE.toMillis() || wait > MAX_WAIT.toMillis()) {
            return null;
        }
        return Math.max(0, wait);
    }

    private static Long waitMillis(Ticket t, Event called) {
        return t.issuedAt() == null ? null : waitMillis(t.issuedAt(), t.issuedBootId(), t.issuedUptimeMs(),
                called.at(), called.bootId(), called.uptimeMs());
    }

    private static Map<TicketKey, Ticket> load(Connection c, Set<TicketKey> keys) throws SQLException {
        Map<TicketKey, Ticket> out = new HashMap<>();
        List<TicketKey> all = new ArrayList<>(keys);
        for (int start = 0; start < all.size(); start += LOOKUP_CHUNK) {
            List<TicketKey> chunk = all.subList(start, Math.min(all.size(), start + LOOKUP_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT kiosk_id, ticket_id, site_id, service, issued_at, issued_boot_id, issued_uptime_ms,
                        called_at, touched_at FROM queue_open_tickets WHERE (site_id, kiosk_id, ticket_id) IN ("""
                    + "(?, ?, ?), ".repeat(chunk.size() - 1) + "(?, ?, ?))")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(3 * i + 1, chunk.get(i).site());
                    ps.setString(3 * i + 2, chunk.get(i).kiosk());
                    ps.setString(3 * i + 3, chunk.get(i).ticketId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(new TicketKey(rs.getString(3), rs.getString(1), rs.getString(2)), new Ticket(rs.getString(3),
                                rs.getString(4), longOrNull(rs, 5), rs.getString(6), longOrNull(rs, 7),
                                longOrNull(rs, 8), rs.getLong(9)));
                    }
                }
            }
        }
        return out;
    }

    private static void writeFigures(Connection c, Map<Key, Figures> sums) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO queue_daily (day, site_id, service, counter, issued, called, waited, wait_seconds, served,
                    no_shows, service_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, site_id, service, counter) DO UPDATE SET
                    issued = queue_daily.issued + excluded.issued, called = queue_daily.called + excluded.called,
                    waited = queue_daily.waited + excluded.waited,
                    wait_seconds = queue_daily.wait_seconds + excluded.wait_seconds,
                    served = queue_daily.served + excluded.served,
                    no_shows = queue_daily.no_shows + excluded.no_shows,
                    service_seconds = queue_daily.service_seconds + excluded.service_seconds""")) {
            for (Map.Entry<Key, Figures> e : sums.entrySet()) {
                Key k = e.getKey();
                Figures f = e.getValue();
                ps.setString(1, k.day());
                ps.setString(2, k.site());
                ps.setString(3, k.service());
                ps.setString(4, k.counter());
                ps.setLong(5, f.issued);
                ps.setLong(6, f.called);
                ps.setLong(7, f.waited);
                ps.setLong(8, f.waitSeconds);
                ps.setLong(9, f.served);
                ps.setLong(10, f.noShows);
                ps.setLong(11, f.serviceSeconds);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeTickets(Connection c, Map<TicketKey, Ticket> tickets, Set<TicketKey> changed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO queue_open_tickets (kiosk_id, ticket_id, site_id, service, issued_at, issued_boot_id,
                    issued_uptime_ms, called_at, touched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id, kiosk_id, ticket_id) DO UPDATE SET
                    service = excluded.service, issued_at = excluded.issued_at,
                    issued_boot_id = excluded.issued_boot_id, issued_uptime_ms = excluded.issued_uptime_ms,
                    called_at = excluded.called_at, touched_at = excluded.touched_at""")) {
            for (TicketKey key : changed) {
                Ticket t = tickets.get(key);
                ps.setString(1, key.kiosk());
                ps.setString(2, key.ticketId());
                ps.setString(3, key.site());
                ps.setString(4, t.service());
                setLong(ps, 5, t.issuedAt());
                ps.setString(6, t.issuedBootId());
                setLong(ps, 7, t.issuedUptimeMs());
                setLong(ps, 8, t.calledAt());
                ps.setLong(9, t.touchedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void prune(Connection c, long before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue_open_tickets WHERE touched_at < ?")) {
            ps.setLong(1, before);
            ps.executeUpdate();
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, v);
        }
    }
}
