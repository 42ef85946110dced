package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A kiosk-agent's SQLite file seen from outside: an online copy of it, putting a copy back, and its outbox. */
final class AgentDatabase {
    private AgentDatabase() {
    }

    /** An outbox row: what the agent still holds to send. */
    record Waiting(long seq, String eventId, String type, String entity) {
    }

    /** A consistent copy while the agent runs (SQLite's online backup), as an old SD card image would be. */
    static void copy(Path database, Path to) throws SQLException, IOException {
        Files.deleteIfExists(to);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?busy_timeout=10000");
             Statement s = c.createStatement()) {
            s.executeUpdate("backup to " + to);
        }
    }

    /** Puts an old copy in place of a stopped agent's database; its write-ahead log goes with the file it belonged to. */
    static void restore(Path copy, Path database) throws IOException {
        Files.deleteIfExists(Path.of(database + "-wal"));
        Files.deleteIfExists(Path.of(database + "-shm"));
        Files.copy(copy, database, StandardCopyOption.REPLACE_EXISTING);
    }

    static List<Waiting> outbox(Path database) throws SQLException {
        List<Waiting> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database + "?busy_timeout=10000&open_mode=1");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, event_id, type, payload FROM outbox ORDER BY seq")) {
            while (rs.next()) {
                String type = rs.getString(3);
                JsonNode data = null;
                try {
                    data = Http.JSON.readTree(rs.getString(4)).get("data");
                } catch (IOException e) {
                    // an unreadable payload is listed without its ticket or rating
                }
                out.add(new Waiting(rs.getLong(1), rs.getString(2), type, CentralRecords.entityOf(type, data)));
            }
        }
        return out;
    }
}
