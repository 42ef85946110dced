package vn.motcua.central.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

/**
 * Runs the store behaviour on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust authentication) in a
 * database created for this run and dropped afterwards. An unreachable server fails these tests.
 */
class PostgresEventStoreTest extends EventStoreContractTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "central_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Every test starts empty; the schema stays. */
    @BeforeEach
    @Override
    void openFirstStore() throws Exception {
        store = open();
        try (Connection c = DriverManager.getConnection(SERVER + database, USER, "");
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE events, kiosks, rejections");
        }
    }

    @Override
    EventStore openStore() {
        return new PostgresEventStore(new StoreConfig(SERVER + database, USER, "", 8,
                java.time.Duration.ofSeconds(5)), Clock.systemUTC());
    }
}
