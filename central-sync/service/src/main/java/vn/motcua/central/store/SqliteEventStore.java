package vn.motcua.central.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The event log's SQL on SQLite. Instants are fixed-width UTC text, so they compare correctly as text; the single
 * writer connection serializes every write, so a kiosk row needs no lock.
 */
final class SqliteEventStore extends JdbcEventStore {
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    SqliteEventStore(Database database, Clock clock) {
        super(database, clock);
    }

    @Override
    String lockKioskSql() {
        // the single writer connection already serializes every write transaction
        return "SELECT contiguous_seq, last_seq FROM kiosks WHERE site_id = ? AND kiosk_id = ?";
    }

    @Override
    String eventRow() {
        return "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    String dataColumn() {
        return "data";
    }

    @Override
    void bindUuid(PreparedStatement ps, int index, UUID id) throws SQLException {
        ps.setString(index, id.toString());
    }

    @Override
    void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setString(index, instant == null ? null : INSTANT_TEXT.format(instant));
    }

    @Override
    Instant readInstant(ResultSet rs, int index) throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : Instant.parse(text);
    }
}
