package vn.motcua.agent.remote;

import jakarta.inject.Singleton;
import vn.motcua.agent.db.Database;

import java.sql.PreparedStatement;
import java.time.Instant;

/** Command ids already accepted, kept in the agent's database until they expire. */
@Singleton
public class SeenCommands {
    private final Database db;

    public SeenCommands(Database db) {
        this.db = db;
    }

    /** Records the id; false if it was already there (a replay). */
    public boolean remember(String id, Instant expiresAt, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM seen_command WHERE expires_at < ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO seen_command (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setString(1, id);
                ps.setLong(2, expiresAt.toEpochMilli());
                return ps.executeUpdate() == 1;
            }
        });
    }
}
