package vn.motcua.central.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The event log's SQL on PostgreSQL. Several central instances may write the same kiosk at once;
 * {@code SELECT … FOR UPDATE} on the kiosk row orders their advances of the contiguous sequence.
 */
final class PostgresEventStore extends JdbcEventStore {

    PostgresEventStore(Database database, Clock clock) {
        super(database, clock);
    }

    @Override
    String lockKioskSql() {
        return "SELECT contiguous_seq, last_seq FROM kiosks WHERE site_id = ? AND kiosk_id = ? FOR UPDATE";
    }

    @Override
    String eventRow() {
        return "(?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)";
    }

    @Override
    String dataColumn() {
        return "data::text";
    }

    @Override
    void bindUuid(PreparedStatement ps, int index, UUID id) throws SQLException {
        ps.setObject(index, id);
    }

    @Override
    void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    Instant readInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
