package vn.motcua.central.command;

import jakarta.inject.Singleton;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.KioskKey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Singleton
public class CommandStore {
    private static final String COLUMNS = """
            SELECT id, kiosk_id, site_id, type, args, issued_by, issued_at, expires_at, result_ok, result_message,
                   result_at FROM commands""";
    private final Database sql;
    private final Clock clock;

    public CommandStore(Database sql, Clock clock) {
        this.clock = clock;
        this.sql = sql;
    }

    public void insert(CommandRecord r) {
        sql.write("record command " + r.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO commands (id, kiosk_id, site_id, type, args, issued_by, issued_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, r.id());
                ps.setString(2, r.kioskId());
                ps.setString(3, r.siteId());
                ps.setString(4, r.type());
                ps.setString(5, r.args());
                ps.setString(6, r.issuedBy());
                ps.setLong(7, r.issuedAt());
                ps.setLong(8, r.expiresAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** What became of a kiosk's answer to a command; every outcome but {@link #RECORDED} is counted as a rejection. */
    public enum ResultOutcome {
        RECORDED(null, "recorded"),
        UNKNOWN("result_unknown_command", "central sent no command with this id"),
        OTHER_KIOSK("result_other_kiosk", "the command was sent to another kiosk"),
        ANSWERED("result_already_answered", "the command was answered already"),
        EXPIRED("result_expired", "the command had expired: it is no longer pending");

        private final String reasonCode;
        private final String description;

        ResultOutcome(String reasonCode, String description) {
            this.reasonCode = reasonCode;
            this.description = description;
        }

        /** The rejection reason counted in {@code /api/stats}. */
        public String reasonCode() {
            return reasonCode;
        }

        public String description() {
            return description;
        }
    }

    /**
     * Records the kiosk's answer. Accepted only for a command central sent to exactly this site and kiosk, only the
     * first time, and only while it is pending (not past its expiry, after which the kiosk refuses to run it): a
     * result published on another kiosk's topic, a replay or a late forgery leaves the audit as it is.
     *
     * @param at when the result arrived, epoch milliseconds; also the time the expiry is judged against
     */
    public ResultOutcome recordResult(String siteId, String kioskId, String id, boolean ok, String message, long at) {
        return sql.write("record result of command " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE commands SET result_ok = ?, result_message = ?, result_at = ?
                    WHERE id = ? AND site_id = ? AND kiosk_id = ? AND result_at IS NULL AND expires_at > ?""")) {
                ps.setInt(1, ok ? 1 : 0);
                ps.setString(2, message);
                ps.setLong(3, at);
                ps.setString(4, id);
                ps.setString(5, siteId);
                ps.setString(6, kioskId);
                ps.setLong(7, at);
                if (ps.executeUpdate() == 1) {
                    return ResultOutcome.RECORDED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT site_id, kiosk_id, result_at FROM commands WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return ResultOutcome.UNKNOWN;
                    }
                    if (!rs.getString(1).equals(siteId) || !rs.getString(2).equals(kioskId)) {
                        return ResultOutcome.OTHER_KIOSK;
                    }
                    rs.getLong(3);
                    return rs.wasNull() ? ResultOutcome.EXPIRED : ResultOutcome.ANSWERED;
                }
            }
        });
    }

    public List<CommandRecord> forKiosk(KioskKey kiosk, int limit) {
        return sql.query("list commands of " + kiosk, c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS
                    + " WHERE site_id = ? AND kiosk_id = ? ORDER BY issued_at DESC, id LIMIT ?")) {
                ps.setString(1, kiosk.siteId());
                ps.setString(2, kiosk.kioskId());
                ps.setInt(3, limit);
                return read(ps);
            }
        });
    }

    public Optional<CommandRecord> find(String id) {
        return sql.query("find command " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
                ps.setString(1, id);
                return read(ps).stream().findFirst();
            }
        });
    }

    private List<CommandRecord> read(PreparedStatement ps) throws java.sql.SQLException {
        long now = clock.millis();
        List<CommandRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int ok = rs.getInt(9);
                Boolean result = rs.wasNull() ? null : ok == 1;
                out.add(new CommandRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), result, rs.getString(10),
                        rs.getLong(11), CommandRecord.stateOf(result, rs.getLong(8), now)));
            }
        }
        return out;
    }
}
