package vn.motcua.agent.queue;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.web.ApiException;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.TicketView;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Issues queue tickets. Numbers run from 1 per service and local day, without gaps: the number, the ticket and its
 * {@code ticket.issued} outbox event are written in one transaction on the single database connection.
 */
@Singleton
public class TicketService {
    private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);
    /** The contract carries numbers up to 9999 per service and day. */
    static final int MAX_NUMBER = 9999;

    private final Database db;
    private final Outbox outbox;
    private final ServiceDay serviceDay;
    private final SiteConfigStore site;
    private final Clock clock;
    private final ZoneId zone;
    private final String kioskId;

    public TicketService(Database db, Outbox outbox, ServiceDay serviceDay, SiteConfigStore site, Clock clock,
                         KioskSettings kiosk) {
        this.db = db;
        this.outbox = outbox;
        this.serviceDay = serviceDay;
        this.site = site;
        this.clock = clock;
        this.zone = kiosk.zone();
        this.kioskId = kiosk.kioskId();
    }

    public Issued issue(String service, Priority priority, String idempotencyKey) {
        Issued issued = db.transaction(c -> {
            if (idempotencyKey != null) {
                Optional<TicketView> earlier = findByKey(c, idempotencyKey);
                if (earlier.isPresent()) {
                    requireSameRequest(earlier.get(), service, priority);
                    return new Issued(earlier.get(), false);
                }
            }
            return new Issued(insert(c, service, priority, idempotencyKey), true);
        });
        if (issued.created()) {
            LOG.info("kiosk {}: ticket {} issued ticket={} priority={}", kioskId, issued.ticket().display(),
                    issued.ticket().ticketId(), issued.ticket().priority());
        }
        return issued;
    }

    private TicketView insert(Connection c, String service, Priority priority, String idempotencyKey)
            throws SQLException {
        requireServed(service);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS), zone);
        String day = serviceDay.current(c).toString();
        int number;
        int ahead;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(number), 0) + 1, "
                + "(SELECT count(*) FROM ticket WHERE queue_service = ? AND service_day = ? AND status = 'waiting') "
                + "FROM ticket WHERE service = ? AND service_day = ?")) {
            ps.setString(1, service);
            ps.setString(2, day);
            ps.setString(3, service);
            ps.setString(4, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getInt(1);
                ahead = rs.getInt(2);
            }
        }
        if (number > MAX_NUMBER) {
            throw new ApiException(HttpStatus.CONFLICT, "queue_full", "service",
                    "Dịch vụ " + service + " đã phát đủ " + MAX_NUMBER + " phiếu hôm nay. Vui lòng liên hệ cán bộ.");
        }
        String id = UUID.randomUUID().toString();
        String display = display(service, number);
        String wirePriority = priority == null ? null : priority.wireName();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket (id, service, service_day, number, display, "
                + "priority, status, issued_at, people_ahead, idempotency_key, queue_service) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, service);
            ps.setString(3, day);
            ps.setInt(4, number);
            ps.setString(5, display);
            ps.setString(6, wirePriority);
            ps.setString(7, now.toString());
            ps.setInt(8, ahead);
            ps.setString(9, idempotencyKey);
            ps.setString(10, service);
            ps.executeUpdate();
        }
        KioskEvent event = outbox.append(c, new TicketIssued(id, service, number, display, priority), now);
        LOG.debug("kiosk {}: ticket={} event={} seq={}", kioskId, id, event.id(), event.seq());
        return new TicketView(id, service, number, display, wirePriority, now.toString(), ahead, null, null, null, null);
    }

    /** A site that lists its counters issues tickets only for a service one of them serves: nobody would call it. */
    private void requireServed(String service) {
        SiteConfig config = site.current();
        if (!config.counters().isEmpty()
                && config.counters().stream().noneMatch(k -> k.services().contains(service))) {
            throw new ApiException(HttpStatus.CONFLICT, "service_not_served", "service",
                    "Hiện không có quầy nào phục vụ dịch vụ " + service + ". Vui lòng chọn dịch vụ khác "
                            + "hoặc liên hệ cán bộ.");
        }
    }

    static String display(String service, int number) {
        return service + String.format("%03d", number);
    }

    private static void requireSameRequest(TicketView earlier, String service, Priority priority) {
        String wirePriority = priority == null ? null : priority.wireName();
        if (!earlier.service().equals(service) || !Objects.equals(earlier.priority(), wirePriority)) {
            throw new ApiException(HttpStatus.CONFLICT, "idempotency_key_reused", "Idempotency-Key",
                    "this Idempotency-Key was already used for ticket " + earlier.display()
                            + " with a different service or priority; send a new key for a new ticket");
        }
    }

    private static Optional<TicketView> findByKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, service, number, display, priority, issued_at, "
                + "people_ahead, printed, print_problem FROM ticket WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int printed = rs.getInt(8);
                Boolean wasPrinted = rs.wasNull() ? null : Boolean.valueOf(printed == 1);
                return Optional.of(new TicketView(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), wasPrinted, rs.getString(9), null, null));
            }
        }
    }

    /** Remembers whether the ticket came out of the printer, so a replayed request answers the same. */
    public void recordPrint(String ticketId, boolean printed, String problem) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket SET printed = ?, print_problem = ? WHERE id = ?")) {
                ps.setInt(1, printed ? 1 : 0);
                ps.setString(2, problem);
                ps.setString(3, ticketId);
                return ps.executeUpdate();
            }
        });
    }

    /** What {@link #recordPrint} stored: empty while the print has not finished (or the agent stopped during it). */
    public Optional<PrintRecord> printRecord(String ticketId) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT printed, print_problem FROM ticket WHERE id = ?")) {
                ps.setString(1, ticketId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    int printed = rs.getInt(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(new PrintRecord(printed == 1, rs.getString(2)));
                }
            }
        });
    }

    public record PrintRecord(boolean printed, String problem) {
    }

    /** The day ticket numbers belong to now; see {@link ServiceDay}. */
    public LocalDate today(Connection c) throws SQLException {
        return serviceDay.current(c);
    }

    /** The display of a ticket of this kiosk, if it exists. */
    public Optional<String> displayOf(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT display FROM ticket WHERE id = ?")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Waiting tickets per service for the current service day. */
    public Map<String, Integer> waitingToday(Connection c) throws SQLException {
        LocalDate day = serviceDay.current(c);
        Map<String, Integer> queues = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_service, count(*) FROM ticket "
                + "WHERE service_day = ? AND status = 'waiting' GROUP BY queue_service")) {
            ps.setString(1, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    queues.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return queues;
    }
}
