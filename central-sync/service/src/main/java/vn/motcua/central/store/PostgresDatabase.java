package vn.motcua.central.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/** The production database: PostgreSQL through a HikariCP pool, shared by every central instance. */
final class PostgresDatabase implements Database {
    private final HikariDataSource pool;

    PostgresDatabase(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("central-db");
        hikari.setJdbcUrl(withDriverSettings(config.url()));
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
            Dialect.POSTGRESQL.migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Lets the driver send a batch of INSERTs as multi-row statements, and fetch a large result 1,000 rows at a time
     * (an all-sites report can return millions).
     */
    static String withDriverSettings(String url) {
        return withDefault(withDefault(url, "reWriteBatchedInserts", "true"), "defaultRowFetchSize", "1000");
    }

    /** The URL with {@code name=value} added, unless it already sets {@code name}. */
    private static String withDefault(String url, String name, String value) {
        return url.contains(name + "=") ? url : url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    @Override
    public <T> T write(String what, Work<T> work) {
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
            throw SqlFailures.failure(what, e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SqlFailures.failure(what, e);
        }
    }

    /**
     * In a read-only transaction of its own: all its statements read one snapshot, and the driver fetches a large
     * result a block of rows at a time instead of all of it into memory first (it does so only inside a transaction).
     * The pool puts the connection's settings back when it is returned.
     */
    @Override
    public <T> T query(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw SqlFailures.failure(what, e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public void close() {
        pool.close();
    }
}
