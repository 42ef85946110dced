package vn.motcua.central.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The central database: its connections and transactions, its schema migrated on opening. The event log and the
 * features that keep their own tables next to the events (users, telemetry, alerts, commands, site configurations,
 * report rollups) all work through it. Their SQL is written to run unchanged on SQLite and PostgreSQL: times as epoch
 * milliseconds, flags as integers, ids as text; {@link #dialect()} names the database where it cannot be.
 */
public interface Database extends AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One transaction, committed; failures roll back and surface as {@link StoreException}. */
    <T> T write(String what, Work<T> work);

    /** Read-only work; it sees what was committed before it started. */
    <T> T query(String what, Work<T> work);

    Dialect dialect();

    @Override
    void close();

    /** Opens the database the URL names, creating an SQLite file's folder, and migrates its schema. */
    static Database open(StoreConfig config) {
        return config.url().startsWith(StoreConfig.SQLITE_PREFIX)
                ? new SqliteDatabase(config.url())
                : new PostgresDatabase(config);
    }
}
