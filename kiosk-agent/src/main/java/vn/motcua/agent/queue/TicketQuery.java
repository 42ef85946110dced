package vn.motcua.agent.queue;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.web.ApiException;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.TicketStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads where a ticket stands, for the kiosk screen, the ticket status page and ratings. */
@Singleton
public class TicketQuery {
    private static final String SELECT = "SELECT t.id, t.display, t.queue_service, t.priority, t.status, t.counter, "
            + "t.officer_id, EXISTS (SELECT 1 FROM rating r WHERE r.ticket_id = t.id), t.issued_at, t.called_at, "
            + "t.printed, t.service_day, t.rowid FROM ticket t ";

    private final Database db;
    private final TicketService tickets;
    private final SiteConfigStore site;
    private final WaitEstimator wait;

    public TicketQuery(Database db, TicketService tickets, SiteConfigStore site, WaitEstimator wait) {
        this.db = db;
        this.tickets = tickets;
        this.site = site;
        this.wait = wait;
    }

    public TicketStatus byId(String ticketId) {
        return db.transaction(c -> find(c, SELECT + "WHERE t.id = ?", ticketId)).orElseThrow(() -> notFound(ticketId));
    }

    /** The service day's ticket with this display number, e.g. A012. */
    public TicketStatus byNumber(String display) {
        return db.transaction(c -> find(c, SELECT + "WHERE t.display = ? AND t.service_day = ?", display,
                tickets.today(c).toString())).orElseThrow(() -> notFound(display));
    }

    public Optional<TicketStatus> find(Connection c, String ticketId) throws SQLException {
        return find(c, SELECT + "WHERE t.id = ?", ticketId);
    }

    private static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "ticket_not_found", "ticketId",
                "Không tìm thấy phiếu " + what + " trên kiosk này. Vui lòng kiểm tra lại số phiếu.");
    }

    private Optional<TicketStatus> find(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String status = rs.getString(5);
                String service = rs.getString(3);
                int ahead = 0;
                Integer waitMinutes = null;
                if (status.equals("waiting")) {
                    ahead = ahead(c, service, rs.getString(12), rs.getLong(13));
                    waitMinutes = wait.minutes(c, service, ahead);
                }
                String counter = rs.getString(6);
                String officerId = rs.getString(7);
                int printed = rs.getInt(11);
                Boolean wasPrinted = rs.wasNull() ? null : printed == 1;
                return Optional.of(new TicketStatus(rs.getString(1), rs.getString(2), service, rs.getString(4), status,
                        counter, counter == null ? null : counterName(counter), officerId, officerName(officerId),
                        rs.getBoolean(8), ahead, waitMinutes, rs.getString(9), rs.getString(10), wasPrinted));
            }
        }
    }

    private static int ahead(Connection c, String service, String day, long rowid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ticket WHERE service_day = ? "
                + "AND queue_service = ? AND status = 'waiting' AND rowid < ?")) {
            ps.setString(1, day);
            ps.setString(2, service);
            ps.setLong(3, rowid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String counterName(String id) {
        return site.current().counters().stream().filter(k -> k.id().equals(id)).findFirst()
                .map(SiteConfig.Counter::nameVi).orElse("Quầy " + id);
    }

    private String officerName(String id) {
        if (id == null) {
            return null;
        }
        return site.current().officers().stream().filter(o -> o.id().equals(id)).findFirst()
                .map(SiteConfig.Officer::name).orElse(null);
    }
}
