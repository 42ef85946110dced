package vn.motcua.agent.counter;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CounterSettings;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.queue.ServiceDay;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.web.ApiException;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.CallAnnounced;
import vn.motcua.screen.QueueChanged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What an officer does at a counter. Each action changes the ticket and appends its outbox event in one transaction,
 * so central learns who served whom and for how long exactly when the kiosk has it; the hall display hears of calls
 * through the kiosk event bus after the commit.
 */
@Singleton
public class CounterService {
    private static final Logger LOG = LoggerFactory.getLogger(CounterService.class);
    private static final String COLUMNS = "id, display, queue_service, priority, status, counter, officer_id, "
            + "called_at, call_count, service_seconds";

    private final Database db;
    private final Outbox outbox;
    private final ServiceDay serviceDay;
    private final KioskEventBus events;
    private final SiteConfigStore site;
    private final CounterSettings settings;
    private final Clock clock;
    private final ZoneId zone;

    public CounterService(Database db, Outbox outbox, ServiceDay serviceDay, KioskEventBus events,
                          SiteConfigStore site, CounterSettings settings, Clock clock, KioskSettings kiosk) {
        this.db = db;
        this.outbox = outbox;
        this.serviceDay = serviceDay;
        this.events = events;
        this.site = site;
        this.settings = settings;
        this.clock = clock;
        this.zone = kiosk.zone();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), zone);
    }

    /** The service day the waiting tickets belong to; it never goes backwards with the clock. */
    private String today(Connection c) throws SQLException {
        return serviceDay.current(c).toString();
    }

    /** The ticket now at this counter, if any. */
    public Optional<CallView> current(CounterSession s) {
        return db.transaction(c -> current(c, s.counter()));
    }

    /**
     * Calls the next waiting ticket of the counter's services: the oldest priority ticket when the last
     * {@code priority-every} calls were all normal (or no priority ticket has been called yet), else the oldest normal.
     */
    public CallView callNext(CounterSession s) {
        List<String> services = servicesOf(s.counter());
        OffsetDateTime now = now();
        CallView called = db.transaction(c -> {
            Optional<CallView> open = current(c, s.counter());
            if (open.isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "ticket_open", null, "Quầy đang phục vụ phiếu "
                        + open.get().display() + ": hãy hoàn thành, chuyển hoặc đánh dấu vắng mặt trước khi gọi tiếp.");
            }
            Optional<String> next = pick(c, services);
            if (next.isEmpty()) {
                throw new ApiException(HttpStatus.NOT_FOUND, "queue_empty", null,
                        "Không còn phiếu đang chờ cho dịch vụ " + String.join(", ", services) + ".");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET status = 'called', counter = ?, "
                    + "officer_id = ?, called_at = ?, call_count = 1, call_seq = (SELECT coalesce(max(call_seq), 0) + 1 FROM ticket) "
                    + "WHERE id = ? AND status = 'waiting'")) {
                ps.setString(1, s.counter());
                ps.setString(2, s.officerId());
                ps.setString(3, now.toString());
                ps.setString(4, next.get());
                ps.executeUpdate();
            }
            outbox.append(c, new TicketCalled(next.get(), s.counter(), s.officerId()), now);
            return byId(c, next.get());
        });
        LOG.info("counter {}: officer {} called {} ticket={}", s.counter(), s.officerId(), called.display(),
                called.ticketId());
        announce(called, s, now, false);
        return called;
    }

    public CallView recall(CounterSession s) {
        OffsetDateTime now = now();
        CallView called = db.transaction(c -> {
            CallView open = requireOpen(c, s);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket SET call_count = call_count + 1 WHERE id = ?")) {
                ps.setString(1, open.ticketId());
                ps.executeUpdate();
            }
            outbox.append(c, new TicketCalled(open.ticketId(), s.counter(), s.officerId()), now);
            return byId(c, open.ticketId());
        });
        announce(called, s, now, true);
        return called;
    }

    public CallView noShow(CounterSession s) {
        OffsetDateTime now = now();
        CallView done = db.transaction(c -> {
            CallView open = requireOpen(c, s);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket SET status = 'no_show', finished_at = ? WHERE id = ?")) {
                ps.setString(1, now.toString());
                ps.setString(2, open.ticketId());
                ps.executeUpdate();
            }
            outbox.append(c, new TicketNoShow(open.ticketId(), s.counter()), now);
            return byId(c, open.ticketId());
        });
        LOG.info("counter {}: {} did not come ticket={}", s.counter(), done.display(), done.ticketId());
        return done;
    }

    public CallView finish(CounterSession s) {
        OffsetDateTime now = now();
        CallView done = db.transaction(c -> {
            CallView open = requireOpen(c, s);
            long seconds = serviceSeconds(open, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET status = 'served', finished_at = ?, "
                    + "service_seconds = ? WHERE id = ?")) {
                ps.setString(1, now.toString());
                ps.setLong(2, seconds);
                ps.setString(3, open.ticketId());
                ps.executeUpdate();
            }
            recordServiceTime(c, open.service(), seconds, now);
            outbox.append(c, new TicketServed(open.ticketId(), s.counter(), s.officerId(), seconds), now);
            return byId(c, open.ticketId());
        });
        LOG.info("counter {}: officer {} served {} in {} s ticket={}", s.counter(), s.officerId(), done.display(),
                done.serviceSeconds(), done.ticketId());
        return done;
    }

    /**
     * Sends the ticket at this counter to another service's queue. The part served here is reported as served
     * (with its time), so the officer's work is counted; the ticket then waits again under its own number.
     */
    public CallView transfer(CounterSession s, String toService) {
        SiteConfig config = site.current();
        if (config.services().stream().noneMatch(sv -> sv.prefix().equals(toService))) {
            throw ApiException.invalid("service", "Không có dịch vụ '" + toService + "' để chuyển phiếu tới.");
        }
        if (!config.counters().isEmpty()
                && config.counters().stream().noneMatch(k -> k.services().contains(toService))) {
            throw new ApiException(HttpStatus.CONFLICT, "service_not_served", "service",
                    "Hiện không có quầy nào phục vụ dịch vụ " + toService + ": phiếu không được chuyển.");
        }
        OffsetDateTime now = now();
        CallView moved = db.transaction(c -> {
            CallView open = requireOpen(c, s);
            if (open.service().equals(toService)) {
                throw ApiException.invalid("service", "Phiếu " + open.display() + " đã ở dịch vụ " + toService + ".");
            }
            long seconds = serviceSeconds(open, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET status = 'waiting', queue_service = ?, "
                    + "counter = NULL, officer_id = NULL, called_at = NULL, call_count = 0 WHERE id = ?")) {
                ps.setString(1, toService);
                ps.setString(2, open.ticketId());
                ps.executeUpdate();
            }
            recordServiceTime(c, open.service(), seconds, now);
            outbox.append(c, new TicketServed(open.ticketId(), s.counter(), s.officerId(), seconds), now);
            return byId(c, open.ticketId());
        });
        LOG.info("counter {}: {} transferred to service {} ticket={}", s.counter(), moved.display(), toService,
                moved.ticketId());
        queueChanged(toService);
        return moved;
    }

    /** Today's most recently served ticket at this counter that has no rating yet. */
    public Optional<String> lastServedUnrated(String counter) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM ticket t WHERE t.counter = ? "
                    + "AND t.service_day = ? AND t.status = 'served' AND NOT EXISTS (SELECT 1 FROM rating r "
                    + "WHERE r.ticket_id = t.id) ORDER BY t.finished_at DESC LIMIT 1")) {
                ps.setString(1, counter);
                ps.setString(2, today(c));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Waiting tickets per service that this counter serves. */
    public List<String> servicesOf(String counterId) {
        return site.current().counters().stream().filter(c -> c.id().equals(counterId)).findFirst()
                .map(SiteConfig.Counter::services)
                .orElseThrow(() -> ApiException.invalid("counter", "Không có quầy '" + counterId + "' trong cấu hình."));
    }

    /** The most recent calls of today, newest first, for the hall display after a restart. */
    public List<CallAnnounced> recentCalls(int limit) {
        return db.transaction(c -> {
            List<CallAnnounced> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT display, counter, called_at FROM ticket "
                    + "WHERE service_day = ? AND called_at IS NOT NULL ORDER BY call_seq DESC LIMIT ?")) {
                ps.setString(1, today(c));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CallAnnounced(rs.getString(1), rs.getString(2), counterName(rs.getString(2)),
                                rs.getString(3), false));
                    }
                }
            }
            return out;
        });
    }

    private void announce(CallView called, CounterSession s, OffsetDateTime at, boolean recall) {
        events.publish(new CallAnnounced(called.display(), s.counter(), s.counterName(),
                at.toString(), recall));
        queueChanged(called.service());
    }

    /** The screen's queue lengths changed; the same body as a new ticket's {@code queue} event. */
    private void queueChanged(String service) {
        events.publish(new QueueChanged(service));
    }

    public String counterName(String counterId) {
        return site.current().counters().stream().filter(c -> c.id().equals(counterId)).findFirst()
                .map(SiteConfig.Counter::nameVi).orElse("Quầy " + counterId);
    }

    private Optional<String> pick(Connection c, List<String> services) throws SQLException {
        String in = String.join(",", Collections.nCopies(services.size(), "?"));
        boolean priorityDue;
        try (PreparedStatement ps = c.prepareStatement("SELECT priority FROM ticket WHERE service_day = ? "
                + "AND called_at IS NOT NULL AND queue_service IN (" + in + ") ORDER BY call_seq DESC LIMIT ?")) {
            int i = 1;
            ps.setString(i++, today(c));
            for (String sv : services) {
                ps.setString(i++, sv);
            }
            ps.setInt(i, Math.max(1, settings.priorityEvery()));
            int normalsSince = 0;
            boolean sawPriority = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && !sawPriority) {
                    if (rs.getString(1) != null) {
                        sawPriority = true;
                    } else {
                        normalsSince++;
                    }
                }
            }
            priorityDue = settings.priorityEvery() == 0 || !sawPriority || normalsSince >= settings.priorityEvery();
        }
        Optional<String> priority = oldestWaiting(c, services, in, true);
        Optional<String> normal = oldestWaiting(c, services, in, false);
        if (priority.isPresent() && (priorityDue || normal.isEmpty())) {
            return priority;
        }
        return normal.isPresent() ? normal : priority;
    }

    private Optional<String> oldestWaiting(Connection c, List<String> services, String in, boolean priority)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ticket WHERE service_day = ? AND status = 'waiting' "
                + "AND queue_service IN (" + in + ") AND priority IS " + (priority ? "NOT NULL" : "NULL")
                + " ORDER BY rowid LIMIT 1")) {
            int i = 1;
            ps.setString(i++, today(c));
            for (String sv : services) {
                ps.setString(i++, sv);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private CallView requireOpen(Connection c, CounterSession s) throws SQLException {
        return current(c, s.counter()).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "no_ticket_called", null,
                "Quầy " + s.counterName() + " chưa gọi phiếu nào."));
    }

    private Optional<CallView> current(Connection c, String counter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ticket WHERE counter = ? "
                + "AND status = 'called' ORDER BY called_at DESC LIMIT 1")) {
            ps.setString(1, counter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    private static CallView byId(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ticket WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return view(rs);
            }
        }
    }

    private static CallView view(ResultSet rs) throws SQLException {
        long seconds = rs.getLong(10);
        Long serviceSeconds = rs.wasNull() ? null : seconds;
        return new CallView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), serviceSeconds);
    }

    /**
     * From the call to now, as the contract carries it: a ticket left called over a weekend says so (the contract
     * takes up to {@link TicketServed#MAX_SERVICE_SECONDS}); a clock stepped back gives 0, and only a clock set
     * wildly wrong gives more than the bound, which is clamped and logged rather than sent to be refused.
     */
    private static long serviceSeconds(CallView open, OffsetDateTime now) {
        long seconds = Duration.between(OffsetDateTime.parse(open.calledAt()), now).toSeconds();
        if (seconds > TicketServed.MAX_SERVICE_SECONDS) {
            LOG.warn("ticket={} {}: {} s from call ({}) to finish ({}) is beyond the contract's {} s; sent as {} s — "
                    + "check the kiosk's clock", open.ticketId(), open.display(), seconds, open.calledAt(), now,
                    TicketServed.MAX_SERVICE_SECONDS, TicketServed.MAX_SERVICE_SECONDS);
            return TicketServed.MAX_SERVICE_SECONDS;
        }
        return Math.max(0, seconds);
    }

    private static void recordServiceTime(Connection c, String service, long seconds, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO service_time (service, seconds, finished_at) VALUES (?, ?, ?)")) {
            ps.setString(1, service);
            ps.setLong(2, seconds);
            ps.setString(3, at.toString());
            ps.executeUpdate();
        }
    }
}
