package vn.motcua.central.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The production store: PostgreSQL through a HikariCP pool. Several central instances may write the same kiosk at
 * once; {@code SELECT … FOR UPDATE} on the kiosk row orders their advances of the contiguous sequence.
 */
public final class PostgresEventStore extends JdbcEventStore {
    private final HikariDataSource pool;

    public PostgresEventStore(StoreConfig config, Clock clock) {
        super(clock);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("central-db");
        hikari.setJdbcUrl(withBatchedInserts(config.url()));
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        pool = new HikariDataSource(hikari);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/postgresql").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Lets the driver send a batch of INSERTs as multi-row statements. */
    static String withBatchedInserts(String url) {
        if (url.contains("reWriteBatchedInserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    @Override
    <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    @Override
    <T> T read(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
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

    @Override
    public void close() {
        pool.close();
    }
}
