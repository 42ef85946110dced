package vn.motcua.central.alert;

import jakarta.inject.Singleton;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.SqlAccess;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts: raised once per kiosk (site and kiosk id) and kind while the condition lasts, acknowledged by a person,
 * cleared by the fleet.
 */
@Singleton
public class AlertStore {
    private static final String COLUMNS = """
            SELECT id, kiosk_id, site_id, kind, detail, raised_at, acknowledged_by, acknowledged_at, cleared_at
            FROM alerts""";
    private final SqlAccess sql;

    public AlertStore(SqlAccess sql) {
        this.sql = sql;
    }

    /** The key that keeps one open alert per site, kiosk and kind; ids never contain a colon. */
    private static String openKey(KioskKey kiosk, AlertKind kind) {
        return kiosk.siteId() + ":" + kiosk.kioskId() + ":" + kind.wireName();
    }

    /** Raises the alert unless one of the kind is open for the kiosk; returns whether it was raised now. */
    public boolean raise(KioskKey kiosk, AlertKind kind, String detail, long now) {
        return sql.write("raise alert", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO alerts (id, kiosk_id, site_id, kind, detail, raised_at, open_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (open_key) DO NOTHING""")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, kiosk.kioskId());
                ps.setString(3, kiosk.siteId());
                ps.setString(4, kind.wireName());
                ps.setString(5, detail);
                ps.setLong(6, now);
                ps.setString(7, openKey(kiosk, kind));
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean clear(KioskKey kiosk, AlertKind kind, long now) {
        return sql.write("clear alert", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET cleared_at = ?, open_key = NULL WHERE open_key = ?")) {
                ps.setLong(1, now);
                ps.setString(2, openKey(kiosk, kind));
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean acknowledge(String id, String username, long now) {
        return sql.write("acknowledge alert", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?
                    WHERE id = ? AND acknowledged_at IS NULL""")) {
                ps.setString(1, username);
                ps.setLong(2, now);
                ps.setString(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Open alerts first, then the most recent; {@code kiosk} null for every kiosk. */
    public List<Alert> recent(KioskKey kiosk, int limit) {
        return sql.query("list alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS
                    + (kiosk == null ? "" : " WHERE site_id = ? AND kiosk_id = ?")
                    + " ORDER BY CASE WHEN cleared_at IS NULL THEN 0 ELSE 1 END, raised_at DESC LIMIT ?")) {
                int i = 1;
                if (kiosk != null) {
                    ps.setString(i++, kiosk.siteId());
                    ps.setString(i++, kiosk.kioskId());
                }
                ps.setInt(i, limit);
                List<Alert> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Alert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getLong(9)));
                    }
                }
                return out;
            }
        });
    }

    public Map<KioskKey, Integer> openCounts() {
        return sql.query("count open alerts", c -> {
            Map<KioskKey, Integer> out = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT site_id, kiosk_id, COUNT(*) FROM alerts WHERE cleared_at IS NULL
                    GROUP BY site_id, kiosk_id""")) {
                while (rs.next()) {
                    out.put(new KioskKey(rs.getString(1), rs.getString(2)), rs.getInt(3));
                }
            }
            return out;
        });
    }

    /**
     * Per kiosk, how many events it sent under sequence numbers already held with other events, counting kiosks
     * whose latest such event arrived at or after {@code since}.
     */
    public Map<KioskKey, Long> seqConflictsSince(Instant since) {
        return sql.query("count sequence conflicts", c -> {
            Map<KioskKey, Long> out = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT site_id, kiosk_id, COUNT(*), MAX(received_at) FROM event_conflicts
                    GROUP BY site_id, kiosk_id""")) {
                while (rs.next()) {
                    if (!Instant.parse(rs.getString(4)).isBefore(since)) {
                        out.put(new KioskKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
                    }
                }
            }
            return out;
        });
    }
}
