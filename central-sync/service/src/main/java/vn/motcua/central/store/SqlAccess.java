package vn.motcua.central.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store's connections and transactions, for the features that keep their own tables next to the events (users,
 * telemetry, alerts, commands, site configurations). Their SQL is written to run unchanged on SQLite and PostgreSQL:
 * times as epoch milliseconds, flags as integers, ids as text.
 */
public interface SqlAccess {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One transaction, committed; failures roll back and surface as {@link StoreException}. */
    <T> T write(String what, Work<T> work);

    <T> T query(String what, Work<T> work);
}
