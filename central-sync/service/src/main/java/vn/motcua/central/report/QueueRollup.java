package vn.motcua.central.report;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import vn.motcua.central.report.integrity.IntegrityDue;
import vn.motcua.central.report.officer.OfficerLinesDue;
import vn.motcua.central.report.satisfaction.SatisfactionSums;
import vn.motcua.central.report.servicelevel.ServiceLevelSums;
import vn.motcua.central.store.Database;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static vn.motcua.central.store.NullableColumns.longOrNull;
import static vn.motcua.central.store.NullableColumns.setLong;

/**
 * Adds new ticket events to the daily queue figures ({@code queue_daily}), behind the {@code queue} watermark:
 * tickets issued per service; tickets called with their waiting time, served with their service time, and no-shows
 * per service and counter. A ticket's service comes from its {@code ticket.issued}, remembered in
 * {@code queue_open_tickets} for the events that follow it, possibly in a later run. A ticket event it cannot read
 * is set aside ({@link EventRollup}). Officers' sign-ins and sign-outs at counters are kept as they come, in
 * {@code counter_sign_ins}, for the officer's time signed in. Every site and day whose visits or sign-ins change is
 * marked due for the officer's day kept of all sites ({@link OfficerLinesDue}).
 */
@Singleton
public class QueueRollup {
    /** A wait longer than this is a kiosk clock gone wrong, not a citizen waiting: the call counts, the wait not. */
    static final Duration MAX_WAIT = Duration.ofHours(12);
    /** A call this much before its issue is a clock step back; less than that is read as no wait at all. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);
    /** How long a ticket is remembered after its last issue or call event. */
    static final Duration KEEP_OPEN = Duration.ofDays(3);
    private static final int LOOKUP_CHUNK = 200;

    private final EventRollup<Event> rollup;
    private final Clock clock;

    public QueueRollup(Database sql, ReportConfig config, Clock clock) {
        this.clock = clock;
        this.rollup = new EventRollup<>("queue", QueueRollup::reads, sql, config.rollupBatch(), QueueRollup::read,
                this::add, clock);
    }

    /** The types this rollup reads: a switch expression, so a new event type does not compile until placed here. */
    static boolean reads(EventType type) {
        return switch (type) {
            case TICKET_ISSUED, TICKET_CALLED, TICKET_SERVED, TICKET_NO_SHOW, COUNTER_SIGNED_IN, COUNTER_SIGNED_OUT ->
                    true;
            case RATING_SUBMITTED -> false;
        };
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

    /** An event as the rollup reads it; {@code ticketId} is null for a sign-in or sign-out. */
    private record Event(String site, String kiosk, String eventId, long seq, Instant at, String day, String bootId,
                         long uptimeMs, String ticketId, EventBody body) {
        TicketKey ticket() {
            return new TicketKey(site, kiosk, ticketId);
        }
    }

    private record TicketKey(String site, String kiosk, String ticketId) {
        OfficerVisits.TicketKey visits() {
            return new OfficerVisits.TicketKey(site, kiosk, ticketId);
        }
    }

    /** A remembered ticket; {@code service} is '' and {@code issuedAt} null when only its call was seen. */
    private record Ticket(String site, String service, Long issuedAt, String issuedBootId, Long issuedUptimeMs,
                          Long calledAt, long touchedAt) {
    }

    private record Key(String day, String site, String service, String counter) {
    }

    /** Where a ticket was served and by whom, for {@code served_daily}; officer '' when the event names none. */
    private record ServedKey(String day, String site, String counter, String officer, String service) {
    }

    /** First calls per waiting minute, for {@code calls_by_wait_minute}. */
    private record MinuteKey(Key key, int minute) {
    }

    /** Waits above this many minutes all count under it: one past the longest target a site may set. */
    static final int LAST_MINUTE = vn.motcua.protocol.message.SiteConfig.Service.MAX_TARGET_MINUTES + 1;

    /** The minute a wait is counted under: ceil(seconds / 60), so "longer than T minutes" is minute > T. */
    static int waitMinute(long waitSeconds) {
        return (int) Math.min(LAST_MINUTE, (waitSeconds + 59) / 60);
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

    private static final EventBody.Visitor<String> TICKET_ID = new EventBody.Partial<>() {
        @Override
        public String ticketIssued(TicketIssued issued) {
            return issued.ticketId();
        }

        @Override
        public String ticketCalled(TicketCalled called) {
            return called.ticketId();
        }

        @Override
        public String ticketServed(TicketServed served) {
            return served.ticketId();
        }

        @Override
        public String ticketNoShow(TicketNoShow noShow) {
            return noShow.ticketId();
        }

        @Override
        public String counterSignedIn(CounterSignedIn signedIn) {
            return null;
        }

        @Override
        public String counterSignedOut(CounterSignedOut signedOut) {
            return null;
        }
    };

    private static Event read(RollupEvent e) throws RollupEvent.Unreadable {
        Instant at = e.instant();
        String day = e.localDay();
        EventBody body = e.body();
        return new Event(e.siteId(), e.kioskId(), e.eventId(), e.seq(), at, day, e.bootId(), e.uptimeMs(),
                body.accept(TICKET_ID), body);
    }

    private void add(Connection c, List<Event> all) throws SQLException {
        List<Event> events = all.stream().filter(e -> e.ticketId() != null).toList();
        writeSignIns(c, all.stream().filter(e -> e.ticketId() == null).toList());
        Set<TicketKey> keys = new LinkedHashSet<>();
        events.forEach(e -> keys.add(e.ticket()));
        Map<TicketKey, Ticket> tickets = load(c, keys);
        Set<OfficerVisits.TicketKey> visitKeys = new LinkedHashSet<>();
        keys.forEach(k -> visitKeys.add(k.visits()));
        OfficerVisits visits = OfficerVisits.load(c, visitKeys);
        Set<TicketKey> changed = new LinkedHashSet<>();
        Map<Key, Figures> sums = new HashMap<>();
        Map<ServedKey, Long> served = new HashMap<>();
        Map<MinuteKey, Long> minutes = new HashMap<>();
        long newest = Long.MIN_VALUE;
        for (Event e : events) {
            add(e, tickets, changed, sums, served, visits, minutes);
        }
        for (Event e : all) {
            newest = Math.max(newest, e.at().toEpochMilli());
        }
        ServiceLevelSums periods = new ServiceLevelSums();
        writeFigures(c, sums, periods);
        writeServed(c, served);
        visits.write(c);
        Set<OfficerLinesDue.SiteDay> due = visits.changedDays();
        all.stream().filter(e -> e.ticketId() == null).forEach(e -> due.add(new OfficerLinesDue.SiteDay(e.site(),
                e.day())));
        OfficerLinesDue.mark(c, due, clock.millis());
        writeMinutes(c, minutes, periods);
        periods.write(c);
        writeTickets(c, tickets, changed);
        IntegrityDue months = new IntegrityDue();
        events.stream().filter(e -> e.body() instanceof TicketCalled || e.body() instanceof TicketServed)
                .forEach(e -> months.ticketSeen(e.site(), e.day()));
        months.write(c);
        // a kiosk whose clock runs ahead must not make every remembered ticket look old
        prune(c, Math.min(newest, clock.millis()) - KEEP_OPEN.toMillis());
    }

    /**
     * Adds one event to the sums and the remembered tickets. The contract bounds {@code serviceSeconds} to 366 days,
     * which keeps the daily sums far from overflowing.
     */
    private static void add(Event e, Map<TicketKey, Ticket> tickets, Set<TicketKey> changed, Map<Key, Figures> sums,
                            Map<ServedKey, Long> servedBy, OfficerVisits visits, Map<MinuteKey, Long> minutes) {
        String day = e.day();
        OfficerVisits.At where = new OfficerVisits.At(e.at(), day, e.bootId(), e.uptimeMs());
        long at = e.at().toEpochMilli();
        TicketKey key = e.ticket();
        Ticket t = tickets.get(key);
        String service = t == null ? "" : t.service();
        e.body().accept(new EventBody.Partial<Void>() {
            @Override
            public Void ticketIssued(TicketIssued issued) {
                sums.computeIfAbsent(new Key(day, e.site(), issued.service(), ""), k -> new Figures()).issued++;
                // a call stored before its issue keeps its first-call time
                tickets.put(key, new Ticket(e.site(), issued.service(), at, e.bootId(), e.uptimeMs(),
                        t == null ? null : t.calledAt(), Math.max(at, t == null ? at : t.touchedAt())));
                changed.add(key);
                return null;
            }

            @Override
            public Void ticketCalled(TicketCalled called) {
                visits.called(key.visits(), where, called.counter(), called.officerId(),
                        t == null || t.calledAt() != null ? null : waitMillis(t, e));
                if (t != null && t.calledAt() != null) {
                    return null; // a recall: the ticket was called, and its wait ended, at the first call
                }
                Key k = new Key(day, e.site(), service, called.counter());
                Figures f = sums.computeIfAbsent(k, x -> new Figures());
                f.called++;
                Long wait = t == null ? null : waitMillis(t, e);
                if (wait != null) {
                    long seconds = Math.round(wait / 1000.0);
                    f.waited++;
                    f.waitSeconds += seconds;
                    minutes.merge(new MinuteKey(k, waitMinute(seconds)), 1L, Long::sum);
                }
                tickets.put(key, t == null ? new Ticket(e.site(), "", null, null, null, at, at)
                        : new Ticket(t.site(), t.service(), t.issuedAt(), t.issuedBootId(), t.issuedUptimeMs(), at,
                        Math.max(at, t.touchedAt())));
                changed.add(key);
                return null;
            }

            @Override
            public Void ticketServed(TicketServed served) {
                Figures f = sums.computeIfAbsent(new Key(day, e.site(), service, served.counter()),
                        k -> new Figures());
                f.served++;
                f.serviceSeconds += served.serviceSeconds();
                visits.finished(key.visits(), where, OfficerVisits.SERVED, served.counter(), served.officerId(),
                        served.serviceSeconds());
                servedBy.merge(new ServedKey(day, e.site(), served.counter(),
                        served.officerId() == null ? "" : served.officerId(), service), 1L, Long::sum);
                return null;
            }

            @Override
            public Void ticketNoShow(TicketNoShow noShow) {
                sums.computeIfAbsent(new Key(day, e.site(), service, noShow.counter()), k -> new Figures()).noShows++;
                visits.finished(key.visits(), where, OfficerVisits.NO_SHOW, noShow.counter(), null, null);
                return null;
            }
        });
    }

    /** Keeps each sign-in and sign-out once (a re-admitted or resent event is the same event id). */
    private static void writeSignIns(Connection c, List<Event> signs) throws SQLException {
        if (signs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO counter_sign_ins (site_id, kiosk_id, event_id, seq, day, at, counter, officer_id,
                    signed_in, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id, kiosk_id, event_id) DO NOTHING""")) {
            for (Event e : signs) {
                Sign sign = e.body().accept(SIGN);
                ps.setString(1, e.site());
                ps.setString(2, e.kiosk());
                ps.setString(3, e.eventId());
                ps.setLong(4, e.seq());
                ps.setString(5, e.day());
                ps.setLong(6, e.at().toEpochMilli());
                ps.setString(7, sign.counter());
                ps.setString(8, sign.officer());
                ps.setLong(9, sign.in() ? 1 : 0);
                ps.setString(10, sign.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A sign-in or sign-out as {@code counter_sign_ins} holds it; {@code reason} null for a sign-in. */
    private record Sign(String counter, String officer, boolean in, String reason) {
    }

    private static final EventBody.Visitor<Sign> SIGN = new EventBody.Partial<>() {
        @Override
        public Sign counterSignedIn(CounterSignedIn in) {
            return new Sign(in.counter(), in.officerId(), true, null);
        }

        @Override
        public Sign counterSignedOut(CounterSignedOut out) {
            return new Sign(out.counter(), out.officerId(), false, out.reason().wireName());
        }
    };

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

    /** Adds the day's figures to {@code queue_daily}, and the counters' to the service level's periods. */
    private static void writeFigures(Connection c, Map<Key, Figures> sums, ServiceLevelSums periods)
            throws SQLException {
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
                periods.figures(k.day(), k.site(), k.service(), k.counter(), f.called, f.served, f.noShows,
                        f.waited);
            }
            ps.executeBatch();
        }
    }

    /**
     * Adds the tickets served per day to {@code served_daily}, and per officer and per counter to the 766 report's
     * sums of each period ({@link SatisfactionSums}).
     */
    private static void writeServed(Connection c, Map<ServedKey, Long> served) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO served_daily (day, site_id, counter, officer_id, service, served) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, site_id, counter, officer_id, service) DO UPDATE SET
                    served = served_daily.served + excluded.served""")) {
            for (Map.Entry<ServedKey, Long> e : served.entrySet()) {
                ServedKey k = e.getKey();
                ps.setString(1, k.day());
                ps.setString(2, k.site());
                ps.setString(3, k.counter());
                ps.setString(4, k.officer());
                ps.setString(5, k.service());
                ps.setLong(6, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        SatisfactionSums sums = new SatisfactionSums();
        served.forEach((k, n) -> {
            sums.served(SatisfactionSums.By.OFFICER, k.day(), k.site(), k.officer(), n);
            sums.served(SatisfactionSums.By.COUNTER, k.day(), k.site(), k.counter(), n);
        });
        sums.write(c);
    }

    private static void writeMinutes(Connection c, Map<MinuteKey, Long> minutes, ServiceLevelSums periods)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO calls_by_wait_minute (day, site_id, service, counter, minute, called)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, site_id, service, counter, minute) DO UPDATE SET
                    called = calls_by_wait_minute.called + excluded.called""")) {
            for (Map.Entry<MinuteKey, Long> e : minutes.entrySet()) {
                Key k = e.getKey().key();
                ps.setString(1, k.day());
                ps.setString(2, k.site());
                ps.setString(3, k.service());
                ps.setString(4, k.counter());
                ps.setInt(5, e.getKey().minute());
                ps.setLong(6, e.getValue());
                ps.addBatch();
                periods.waited(k.day(), k.site(), k.service(), k.counter(), e.getKey().minute(), e.getValue());
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
}
