package vn.motcua.central.ticketpage;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.NewestSiteConfigs;
import vn.motcua.central.web.Html;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a ticket's public status from {@code ticket_progress}: the people ahead are the tickets of its service at
 * its kiosk, issued the same day before it and still waiting; the estimated wait is those people times today's
 * average service time of the service (or the configured default), shared among the counters serving it.
 */
@Singleton
public class TicketProgressQuery {
    /** The agent's ticket ids are random UUIDs; anything else is no ticket and never reaches the database. */
    private static final Pattern TICKET_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Database sql;
    private final PublicPageConfig config;
    private final ProtocolCodec codec = new ProtocolCodec();
    /** Read on every poll of every open page: decoded once per published version. */
    private final NewestSiteConfigs<SiteConfig> configs = new NewestSiteConfigs<>(this::decode);
    private final Clock clock;

    public TicketProgressQuery(Database sql, PublicPageConfig config, Clock clock) {
        this.sql = sql;
        this.config = config;
        this.clock = clock;
    }

    public static boolean isTicketId(String id) {
        return id != null && TICKET_ID.matcher(id).matches();
    }

    private record Row(String site, String kiosk, String service, String display, Long issuedAt, long number,
                       String state, String counter) {
    }

    public Optional<TicketStatus> find(String ticketId) {
        if (!isTicketId(ticketId)) {
            return Optional.empty();
        }
        Row row = sql.query("read public ticket " + ticketId,
                c -> row(c, ticketId.toLowerCase(java.util.Locale.ROOT)));
        if (row == null) {
            return Optional.empty();
        }
        SiteConfig site = siteConfig(row.site());
        SiteConfig.Service service = site == null ? null : site.services().stream()
                .filter(s -> s.prefix().equals(row.service())).findFirst().orElse(null);
        String nameVi = service == null ? row.service() : service.nameVi();
        String nameEn = service == null || service.nameEn() == null ? nameVi : service.nameEn();
        boolean waiting = "waiting".equals(row.state()) && row.issuedAt() != null;
        return sql.query("read queue of public ticket " + ticketId, c -> {
            int ahead = waiting ? ahead(c, row) : 0;
            int minutes = waiting ? waitMinutes(c, row, ahead, site) : 0;
            Instant lastHeard = lastHeard(c, row.site(), row.kiosk());
            Instant figuresAt = lastHeard != null && lastHeard.isBefore(clock.instant().minus(config.staleAfter()))
                    ? lastHeard : null;
            return Optional.of(new TicketStatus(row.display(), nameVi, nameEn, row.state(), row.counter(), ahead,
                    minutes, figuresAt, site == null ? SiteConfig.DEFAULT_ALERT_AHEAD : site.alertAheadOrDefault()));
        });
    }

    private static Row row(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT site_id, kiosk_id, service, display, issued_at, number, state, counter FROM ticket_progress
                WHERE ticket_id = ? ORDER BY changed_at DESC LIMIT 1""")) {
            ps.setString(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long issued = rs.getLong(5);
                return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.wasNull() ? null : issued, rs.getLong(6), rs.getString(7), rs.getString(8));
            }
        }
    }

    private static int ahead(Connection c, Row row) throws SQLException {
        // numbers restart every day: the queue is the day's tickets of the service, in number order
        java.time.LocalDate day = Instant.ofEpochMilli(row.issuedAt()).atZone(Html.ZONE).toLocalDate();
        long dayStart = day.atStartOfDay(Html.ZONE).toInstant().toEpochMilli();
        long dayEnd = day.plusDays(1).atStartOfDay(Html.ZONE).toInstant().toEpochMilli();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*) FROM ticket_progress WHERE site_id = ? AND kiosk_id = ? AND service = ?
                AND state = 'waiting' AND issued_at >= ? AND issued_at < ? AND number < ?""")) {
            ps.setString(1, row.site());
            ps.setString(2, row.kiosk());
            ps.setString(3, row.service());
            ps.setLong(4, dayStart);
            ps.setLong(5, dayEnd);
            ps.setLong(6, row.number());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (int) rs.getLong(1);
            }
        }
    }

    private int waitMinutes(Connection c, Row row, int ahead, SiteConfig site) throws SQLException {
        if (ahead == 0) {
            return 0;
        }
        double perCitizen = config.serviceSecondsDefault();
        String day = Instant.ofEpochMilli(row.issuedAt()).atZone(Html.ZONE).toLocalDate().toString();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT SUM(service_seconds), SUM(served) FROM queue_daily
                WHERE day = ? AND site_id = ? AND service = ?""")) {
            ps.setString(1, day);
            ps.setString(2, row.site());
            ps.setString(3, row.service());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(2) > 0) {
                    perCitizen = (double) rs.getLong(1) / rs.getLong(2);
                }
            }
        }
        long counters = site == null ? 1 : Math.max(1, site.counters().stream()
                .filter(k -> k.services().isEmpty() || k.services().contains(row.service())).count());
        return (int) Math.max(1, Math.ceil(ahead * perCitizen / counters / 60.0));
    }

    private static Instant lastHeard(Connection c, String site, String kiosk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_seen FROM kiosks WHERE site_id = ? AND kiosk_id = ?")) {
            ps.setString(1, site);
            ps.setString(2, kiosk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Object v = rs.getObject(1);
                if (v == null) {
                    return null;
                }
                // SQLite keeps the instant as ISO text, PostgreSQL as a timestamp with time zone
                return v instanceof String text ? Instant.parse(text)
                        : rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    /** The site's latest published configuration, or null when it has none this version can read. */
    private SiteConfig siteConfig(String siteId) {
        return sql.query("read configuration of " + siteId, c -> configs.read(c, siteId).get(siteId));
    }

    /** A configuration this version cannot read is null: the page still shows the ticket. */
    private SiteConfig decode(String body) {
        try {
            return codec.decodeSiteConfig(body.getBytes(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            return null;
        }
    }
}
