package vn.motcua.central.report.integrity;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.report.RatingRollup;
import vn.motcua.central.report.ReportQuery;
import vn.motcua.central.store.Database;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketServed;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The integrity flags of a period (and site): reads the stored ratings and services of the period and every call
 * and service of the rated tickets straight from the events, so a flag always matches what was received. An event
 * that cannot be read is left out here, as the rollups set it aside.
 */
@Singleton
public class IntegrityService {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityService.class);
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    /** Rated tickets looked up per statement: well under either database's limit of parameters. */
    private static final int TICKETS_PER_QUERY = 500;

    private final Database sql;
    private final IntegrityCheck check;
    private final IntegrityMonths months;
    private final Clock clock;

    public IntegrityService(Database sql, IntegrityConfig config, Clock clock) {
        this.sql = sql;
        this.check = new IntegrityCheck(config);
        this.months = new IntegrityMonths(sql, check);
        this.clock = clock;
    }

    /**
     * The flags of a report, and for whole months how fresh the kept figures they were summed from are
     * ({@code kept} null when the flags were read from the events).
     */
    /**
     * The flags, and how they were made: {@code kept} when summed from the kept monthly figures; {@code
     * wholeMonthsOnly} when none were made because every site's events over days would be read (see {@link
     * #report}).
     */
    public record Report(List<Flag> flags, IntegrityMonths.Kept kept, boolean wholeMonthsOnly) {
    }

    /**
     * Whole months (see {@link IntegrityMonths#wholeMonths}) are summed from the kept monthly figures; any other
     * range is read from the events of one site, and over all sites is not made. The two differ only for a burst across a month's end: kept figures count a
     * burst within each month, so one that straddles two months is counted in neither unless each half is one.
     */
    public Report report(ReportQuery q) {
        if (IntegrityMonths.wholeMonths(q.from(), q.to(), RatingRollup.today(clock))) {
            IntegrityMonths.Kept kept = months.kept(YearMonth.from(q.from()), YearMonth.from(q.to()), q.site());
            return new Report(kept.flags(), kept, false);
        }
        if (q.site().isEmpty()) {
            // every site's raw events of the days: minutes of reading at a city's scale, so it is not offered
            return new Report(List.of(), null, true);
        }
        return new Report(flags(q.from(), q.to(), q.site()), null, false);
    }

    /** The kept monthly figures, summed; for the pass and tests. */
    public IntegrityMonths months() {
        return months;
    }

    /** The flags of the days and site (every site when none), read from the events. */
    public List<Flag> flags(LocalDate from, LocalDate to, String site) {
        Reading reading = read(from, to, site);
        return check.flags(reading.ratings(), reading.tickets());
    }

    /** What a period's check reads: its ratings, and what the events say of the rated tickets and services. */
    record Reading(List<Rated> ratings, IntegrityCheck.Tickets tickets) {
    }

    /** Recomputes one site's month from the events, into the figures kept for it ({@link IntegrityMonths}). */
    List<IntegrityMonths.Row> monthFigures(String site, YearMonth month) {
        Reading reading = read(month.atDay(1), month.atEndOfMonth(), site);
        return IntegrityMonths.rows(reading.ratings(), check.flags(reading.ratings(), reading.tickets()));
    }

    Reading read(LocalDate from, LocalDate to, String site) {
        List<Rated> ratings = new ArrayList<>();
        Map<String, Instant> calledOrServed = new HashMap<>();
        Map<String, Instant> served = new HashMap<>();
        Map<String, Long> servedPerCounterDay = new HashMap<>();
        String siteFilter = site.isEmpty() ? "" : " AND site_id = ?";
        sql.query("integrity events", c -> {
            // 1. the period's ratings and services, found by time: an event's time carries the kiosk's own offset, so
            // its local day is at most a day either side of the date it starts with; the exact day is checked here
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, site_id, kiosk_id, type, at, data "
                    + "FROM events WHERE type IN ('rating.submitted', 'ticket.served') AND at >= ? AND at < ?"
                    + siteFilter)) {
                ps.setString(1, from.minusDays(1).toString());
                ps.setString(2, to.plusDays(2).toString());
                if (!site.isEmpty()) {
                    ps.setString(3, site);
                }
                each(ps, body -> body.accept(new Ignoring() {
                    @Override
                    public Void ticketServed(TicketServed s) {
                        if (within(body.day, from, to)) {
                            servedPerCounterDay.merge(IntegrityCheck.Tickets.counterDay(body.site,
                                    s.counter() == null ? "" : s.counter(), body.day), 1L, Long::sum);
                        }
                        return null;
                    }

                    @Override
                    public Void ratingSubmitted(RatingSubmitted r) {
                        if (within(body.day, from, to)) {
                            ratings.add(new Rated(body.eventId, body.at, body.day, body.site, body.kiosk,
                                    r.ticketId(), orEmpty(r.counter()), orEmpty(r.officerId()),
                                    r.level().wireName()));
                        }
                        return null;
                    }
                }));
            }
            // 2. every call and service ever stored of the rated tickets, found by ticket
            Map<String, Set<String>> rated = new TreeMap<>();
            for (Rated r : ratings) {
                if (r.ticketId() != null) {
                    rated.computeIfAbsent(r.site(), k -> new TreeSet<>()).add(r.ticketId());
                }
            }
            for (Map.Entry<String, Set<String>> e : rated.entrySet()) {
                List<String> tickets = new ArrayList<>(e.getValue());
                for (int first = 0; first < tickets.size(); first += TICKETS_PER_QUERY) {
                    List<String> chunk = tickets.subList(first, Math.min(tickets.size(), first + TICKETS_PER_QUERY));
                    try (PreparedStatement ps = c.prepareStatement("SELECT event_id, site_id, kiosk_id, type, at, data "
                            + "FROM events WHERE type IN ('ticket.called', 'ticket.served') AND site_id = ? "
                            + "AND data ->> 'ticketId' IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                        ps.setString(1, e.getKey());
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setString(i + 2, chunk.get(i));
                        }
                        each(ps, body -> body.accept(new Ignoring() {
                            @Override
                            public Void ticketCalled(TicketCalled called) {
                                calledOrServed.merge(IntegrityCheck.Tickets.ticket(body.site, called.ticketId()),
                                        body.at, (a, b) -> a.isAfter(b) ? a : b);
                                return null;
                            }

                            @Override
                            public Void ticketServed(TicketServed s) {
                                String key = IntegrityCheck.Tickets.ticket(body.site, s.ticketId());
                                calledOrServed.merge(key, body.at, (a, b) -> a.isAfter(b) ? a : b);
                                served.merge(key, body.at, (a, b) -> a.isAfter(b) ? a : b);
                                return null;
                            }
                        }));
                    }
                }
            }
            return null;
        });
        return new Reading(ratings, new IntegrityCheck.Tickets(calledOrServed, served, servedPerCounterDay));
    }

    private static boolean within(String day, LocalDate from, LocalDate to) {
        LocalDate d = LocalDate.parse(day);
        return !d.isBefore(from) && !d.isAfter(to);
    }

    /** Reads each event the statement finds, leaving out those that cannot be read. */
    private static void each(PreparedStatement ps, java.util.function.Consumer<Read> visit) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                read(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)).ifPresent(visit);
            }
        }
    }

    /** A visitor that passes over every event it does not override. */
    private abstract static class Ignoring extends EventBody.Partial<Void> {
        @Override
        protected Void otherwise(EventBody body) {
            return null;
        }
    }

    /** The flags of one subject and kind, for the drill-down; empty when that subject has no such flag. */
    public Optional<Flag> flag(LocalDate from, LocalDate to, String site, Subject subject, String id, FlagKind kind) {
        return flags(from, to, site).stream().filter(f -> f.subject() == subject && f.id().equals(id)
                && f.kind() == kind).findFirst();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A stored event with its body, wall time and local day. */
    private record Read(String eventId, String site, String kiosk, Instant at, String day, EventBody body) {
        <R> R accept(EventBody.Visitor<R> v) {
            return body.accept(v);
        }
    }

    private static Optional<Read> read(String eventId, String site, String kiosk, String type, String at,
                                       String data) {
        try {
            OffsetDateTime time = OffsetDateTime.parse(at);
            EventType t = EventType.fromWire(type).orElseThrow(() -> new IllegalArgumentException("type " + type));
            return Optional.of(new Read(eventId, site, kiosk, time.toInstant(),
                    time.atZoneSameInstant(RatingRollup.ZONE).toLocalDate().toString(), CODEC.decodeStoredData(t, data)));
        } catch (DateTimeException | IllegalArgumentException | ProtocolException e) {
            LOG.debug("integrity check leaves out event {}: {}", eventId, e.getMessage());
            return Optional.empty();
        }
    }
}
