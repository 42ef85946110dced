package vn.motcua.central.alert;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.KioskKey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Alerts: raised once per kiosk (site and kiosk id) and kind while the condition lasts, acknowledged by a person,
 * cleared by the fleet.
 */
@Singleton
public class AlertStore {
    private static final String COLUMNS = """
            SELECT id, kiosk_id, site_id, kind, detail, raised_at, acknowledged_by, acknowledged_at, cleared_at, subject,
                detail_key, detail_args
            FROM alerts""";
    private final Database sql;

    public AlertStore(Database sql) {
        this.sql = sql;
    }

    /**
     * The key that keeps one open alert per site, kiosk, kind and subject; site and kiosk ids never contain a
     * colon, and the subject comes last, so no two keys are alike. Without a subject the key is as it always was.
     */
    private static String openKey(KioskKey kiosk, AlertKind kind, String subject) {
        return kiosk.siteId() + ":" + kiosk.kioskId() + ":" + kind.wireName() + (subject == null ? "" : ":" + subject);
    }

    /**
     * Raises the alert, its detail in English words only, unless one of the kind is open for the kiosk; returns
     * whether it was raised now.
     */
    public boolean raise(KioskKey kiosk, AlertKind kind, String detail, long now) {
        return raise(kiosk, kind, new AlertDetail(null, List.of(), detail), now);
    }

    /** Raises the alert unless one of the kind is open for the kiosk; returns whether it was raised now. */
    public boolean raise(KioskKey kiosk, AlertKind kind, AlertDetail detail, long now) {
        return !raise(Map.of(new Open(kiosk, kind, null), detail), now).isEmpty();
    }

    private static final String INSERT = """
            INSERT INTO alerts (id, kiosk_id, site_id, kind, detail, raised_at, open_key, subject, detail_key,
                detail_args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (open_key) DO NOTHING""";

    public boolean clear(KioskKey kiosk, AlertKind kind, long now) {
        return clear(kiosk, kind, null, now);
    }

    public boolean clear(KioskKey kiosk, AlertKind kind, String subject, long now) {
        return sql.write("clear alert", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET cleared_at = ?, open_key = NULL WHERE open_key = ?")) {
                ps.setLong(1, now);
                ps.setString(2, openKey(kiosk, kind, subject));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Raises each alert unless one of its kind and subject is open for its kiosk, in one transaction; returns those
     * raised now. Raised in the order of their keys, so that two instances raising the same alerts at once wait for
     * each other instead of deadlocking.
     */
    public Set<Open> raise(Map<Open, AlertDetail> details, long now) {
        return sql.write("raise alerts", c -> {
            Set<Open> raised = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Map.Entry<String, Open> keyed : byKey(details.keySet()).entrySet()) {
                    Open o = keyed.getValue();
                    AlertDetail detail = details.get(o);
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, o.kiosk().kioskId());
                    ps.setString(3, o.kiosk().siteId());
                    ps.setString(4, o.kind().wireName());
                    ps.setString(5, detail.english());
                    ps.setLong(6, now);
                    ps.setString(7, keyed.getKey());
                    ps.setString(8, o.subject());
                    ps.setString(9, detail.key());
                    ps.setString(10, detail.key() == null ? null : detail.argsJson());
                    if (ps.executeUpdate() == 1) {
                        raised.add(o);
                    }
                }
            }
            return raised;
        });
    }

    /** Clears each open alert, in one transaction and in the order of their keys; returns those cleared now. */
    public Set<Open> clear(Collection<Open> alerts, long now) {
        return sql.write("clear alerts", c -> {
            Set<Open> cleared = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET cleared_at = ?, open_key = NULL WHERE open_key = ?")) {
                for (Map.Entry<String, Open> keyed : byKey(alerts).entrySet()) {
                    ps.setLong(1, now);
                    ps.setString(2, keyed.getKey());
                    if (ps.executeUpdate() == 1) {
                        cleared.add(keyed.getValue());
                    }
                }
            }
            return cleared;
        });
    }

    private static SortedMap<String, Open> byKey(Collection<Open> alerts) {
        SortedMap<String, Open> out = new TreeMap<>();
        alerts.forEach(o -> out.put(openKey(o.kiosk(), o.kind(), o.subject()), o));
        return out;
    }

    /** An open alert's place: the kiosk, kind and subject that keep it open. */
    public record Open(KioskKey kiosk, AlertKind kind, String subject) {
    }

    /** The open alerts of the given kinds. */
    public java.util.Set<Open> open(java.util.Set<AlertKind> kinds) {
        return sql.query("list open alerts", c -> {
            java.util.Set<Open> out = new java.util.HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    // open_key is set exactly while an alert is open, and indexed: the cleared history is not read
                    "SELECT site_id, kiosk_id, kind, subject FROM alerts WHERE open_key IS NOT NULL")) {
                while (rs.next()) {
                    for (AlertKind k : kinds) {
                        if (k.wireName().equals(rs.getString(3))) {
                            out.add(new Open(new KioskKey(rs.getString(1), rs.getString(2)), k, rs.getString(4)));
                        }
                    }
                }
            }
            return out;
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
                                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                                rs.getString(10), rs.getString(11), AlertDetail.args(rs.getString(12))));
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
                    SELECT site_id, kiosk_id, COUNT(*) FROM alerts WHERE open_key IS NOT NULL
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
