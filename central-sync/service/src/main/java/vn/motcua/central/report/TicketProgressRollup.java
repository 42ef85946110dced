package vn.motcua.central.report;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps where each recent ticket stands ({@code ticket_progress}) for its public page: waiting from its
 * {@code ticket.issued}, then called at a counter, served or missed, whatever came last. It runs behind its own
 * watermark, every second by default, so a phone sees a call within moments of central storing it.
 */
@Singleton
public class TicketProgressRollup {
    /** How long a ticket's progress is kept after its last event; numbers restart every day. */
    static final Duration KEEP = Duration.ofDays(2);

    private final EventRollup<Event> rollup;
    private final Clock clock;

    public TicketProgressRollup(Database sql, ReportConfig config, Clock clock) {
        this.clock = clock;
        this.rollup = new EventRollup<>("ticket_page", TicketProgressRollup::reads, sql, config.rollupBatch(),
                TicketProgressRollup::read, this::add, clock);
    }

    /** The ticket events: a switch expression, so a new event type does not compile until placed here. */
    static boolean reads(EventType type) {
        return switch (type) {
            case TICKET_ISSUED, TICKET_CALLED, TICKET_SERVED, TICKET_NO_SHOW -> true;
            case RATING_SUBMITTED, COUNTER_SIGNED_IN, COUNTER_SIGNED_OUT -> false;
        };
    }

    @Scheduled(fixedDelay = "${central.public-page.rollup-every:1s}", initialDelay = "5s")
    void scheduled() {
        rollup.pass();
    }

    /** Rolls up one batch; returns how many events it read. */
    public int runOnce() {
        return rollup.runOnce();
    }

    private record Event(String site, String kiosk, Instant at, EventBody body) {
    }

    private static Event read(RollupEvent e) throws RollupEvent.Unreadable {
        return new Event(e.siteId(), e.kioskId(), e.instant(), e.body());
    }

    private void add(Connection c, List<Event> events) throws SQLException {
        long newest = Long.MIN_VALUE;
        try (PreparedStatement issue = c.prepareStatement("""
                INSERT INTO ticket_progress (ticket_id, site_id, kiosk_id, service, display, issued_at, changed_at,
                    number, state, counter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', NULL)
                ON CONFLICT (ticket_id, site_id, kiosk_id) DO UPDATE SET service = excluded.service,
                    display = excluded.display, issued_at = excluded.issued_at, number = excluded.number""");
             PreparedStatement move = c.prepareStatement("""
                INSERT INTO ticket_progress (ticket_id, site_id, kiosk_id, service, display, issued_at, state, counter,
                    changed_at) VALUES (?, ?, ?, '', '', NULL, ?, ?, ?)
                ON CONFLICT (ticket_id, site_id, kiosk_id) DO UPDATE SET state = excluded.state,
                    counter = excluded.counter, changed_at = excluded.changed_at""")) {
            // one row per ticket and statement, its last event winning: PostgreSQL refuses a batched upsert that
            // names one row twice, and only the latest move is where the ticket stands
            Map<List<String>, Event> issues = new LinkedHashMap<>();
            Map<List<String>, Event> moves = new LinkedHashMap<>();
            for (Event e : events) {
                newest = Math.max(newest, e.at().toEpochMilli());
                Row row = e.body().accept(ROW);
                List<String> key = List.of(row.ticketId(), e.site(), e.kiosk());
                Map<List<String>, Event> target = row.issue() ? issues : moves;
                target.remove(key);
                target.put(key, e);
            }
            for (Event e : issues.values()) {
                bind(issue, e, e.body().accept(ROW));
            }
            for (Event e : moves.values()) {
                bind(move, e, e.body().accept(ROW));
            }
            // a ticket's issue precedes its call in the kiosk's sequence, so all issues may go first
            issue.executeBatch();
            move.executeBatch();
        }
        try (PreparedStatement prune = c.prepareStatement("DELETE FROM ticket_progress WHERE changed_at < ?")) {
            // a kiosk whose clock runs ahead must not make every ticket look old
            prune.setLong(1, Math.min(newest, clock.millis()) - KEEP.toMillis());
            prune.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Event e, Row row) throws SQLException {
        long at = e.at().toEpochMilli();
        ps.setString(1, row.ticketId());
        ps.setString(2, e.site());
        ps.setString(3, e.kiosk());
        ps.setString(4, row.first());
        ps.setString(5, row.second());
        ps.setLong(6, at);
        if (row.issue()) {
            ps.setLong(7, at);
            ps.setLong(8, row.number());
        }
        ps.addBatch();
    }

    /** What one event writes: an issue's (service, display) or a move's (state, counter). */
    private record Row(boolean issue, String ticketId, String first, String second, long number) {
    }

    private static final EventBody.Visitor<Row> ROW = new EventBody.Partial<>() {
        @Override
        public Row ticketIssued(TicketIssued issued) {
            return new Row(true, issued.ticketId(), issued.service(), issued.display(), issued.number());
        }

        @Override
        public Row ticketCalled(TicketCalled called) {
            return new Row(false, called.ticketId(), "called", called.counter(), 0);
        }

        @Override
        public Row ticketServed(TicketServed served) {
            return new Row(false, served.ticketId(), "served", served.counter(), 0);
        }

        @Override
        public Row ticketNoShow(TicketNoShow noShow) {
            return new Row(false, noShow.ticketId(), "no_show", noShow.counter(), 0);
        }
    };
}
