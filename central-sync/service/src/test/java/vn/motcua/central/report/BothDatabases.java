package vn.motcua.central.report;

import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.PostgresEventStore;
import vn.motcua.central.store.SqliteEventStore;
import vn.motcua.central.store.StoreConfig;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A fresh PostgreSQL database on the local server for one test class, and a store on it or on a new SQLite file
 * per test, both migrated by the store itself.
 */
final class BothDatabases implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String database;

    private BothDatabases(String database) {
        this.database = database;
    }

    static BothDatabases create(String prefix) throws Exception {
        String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return new BothDatabases(database);
    }

    /** The JDBC URL of this class's PostgreSQL database. */
    String url() {
        return SERVER + database;
    }

    /** A new SQLite store, or a store on this class's PostgreSQL database with every table emptied. */
    EventStore open(String dialect) throws Exception {
        if (dialect.equals("sqlite")) {
            return new SqliteEventStore("jdbc:sqlite:" + Files.createTempDirectory("report-db").resolve("c.db"),
                    Clock.systemUTC());
        }
        PostgresEventStore store = new PostgresEventStore(new StoreConfig(SERVER + database, "postgres", "", 4,
                Duration.ofSeconds(5)), Clock.systemUTC());
        ((vn.motcua.central.store.SqlAccess) store).write("reset", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE events, kiosk_seqs, kiosks, quarantine, event_conflicts, rating_daily, "
                        + "rating_daily_site, rating_daily_counter, rating_daily_officer, rating_daily_procedure, "
                        + "low_ratings, queue_daily, queue_open_tickets, rollup_set_aside");
                s.execute("UPDATE rollup_state SET last_ingest_id = 0");
            }
            return null;
        });
        return store;
    }

    @Override
    public void close() throws Exception {
        vn.motcua.central.TestPostgres.dropDatabase(database);
    }
}
