package vn.motcua.agent.remote;

import jakarta.inject.Singleton;
import vn.motcua.agent.config.RemoteSettings;
import vn.motcua.agent.db.Database;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Command ids already accepted, in the agent's database, so a replay is refused after a restart too. Nothing here
 * reads the kiosk's clock: a clock stepped forward and back again must not make the kiosk forget an id whose command
 * is valid again on the stepped-back clock. An id is forgotten only when it is older than the newest
 * {@code seenCommandsKept} ids AND its command expired {@code seenCommandsForgetAfter} before the newest accepted
 * command's own expiry.
 */
@Singleton
public class SeenCommands {
    private final Database db;
    private final int kept;
    private final long forgetAfterMs;

    public SeenCommands(Database db, RemoteSettings settings) {
        this.db = db;
        this.kept = settings.seenCommandsKept();
        this.forgetAfterMs = settings.seenCommandsForgetAfter().toMillis();
    }

    /** Records the id; false if it was already there (a replay). */
    public boolean remember(String id, Instant expiresAt) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO seen_command (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, id);
                ps.setLong(2, expiresAt.toEpochMilli());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM seen_command "
                    + "WHERE n <= (SELECT n FROM seen_command ORDER BY n DESC LIMIT 1 OFFSET ?) "
                    + "AND expires_at < (SELECT max(expires_at) FROM seen_command) - ?")) {
                ps.setLong(1, kept);
                ps.setLong(2, forgetAfterMs);
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** How many ids are remembered now. */
    public long size() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM seen_command");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
