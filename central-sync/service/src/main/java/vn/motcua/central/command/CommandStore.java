package vn.motcua.central.command;

import jakarta.inject.Singleton;
import vn.motcua.central.store.SqlAccess;

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
    private final SqlAccess sql;
    private final Clock clock = Clock.systemUTC();

    public CommandStore(SqlAccess sql) {
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

    /** Records the kiosk's answer; only the kiosk the command was sent to can answer it, and only once. */
    public boolean recordResult(String kioskId, String id, boolean ok, String message, long at) {
        return sql.write("record result of command " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE commands SET result_ok = ?, result_message = ?, result_at = ?
                    WHERE id = ? AND kiosk_id = ? AND result_at IS NULL""")) {
                ps.setInt(1, ok ? 1 : 0);
                ps.setString(2, message);
                ps.setLong(3, at);
                ps.setString(4, id);
                ps.setString(5, kioskId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public List<CommandRecord> forKiosk(String kioskId, int limit) {
        return sql.query("list commands of " + kioskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS
                    + " WHERE kiosk_id = ? ORDER BY issued_at DESC, id LIMIT ?")) {
                ps.setString(1, kioskId);
                ps.setInt(2, limit);
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
