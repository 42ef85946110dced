package vn.motcua.central.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.central.TestEvents;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs the store behaviour on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust authentication) in a
 * database created for this run and dropped afterwards. An unreachable server fails these tests.
 */
class PostgresEventStoreTest extends EventStoreContractTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";
    private static String databaseName;

    @BeforeAll
    static void createDatabase() throws SQLException {
        databaseName = vn.motcua.central.TestPostgres.createDatabase("central_test_");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        vn.motcua.central.TestPostgres.dropDatabase(databaseName);
    }

    /** Every test starts empty; the schema stays. */
    @BeforeEach
    @Override
    void openFirstStore() throws Exception {
        store = open();
        try (Connection c = DriverManager.getConnection(SERVER + databaseName, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS refuse_marked ON events");
            s.execute("TRUNCATE events, kiosks, kiosk_seqs, rejections, quarantine, event_conflicts");
        }
    }

    @Override
    boolean refusesNulInJson() {
        return true;
    }

    /** A trigger that raises a check violation (SQLSTATE 23514), as a CHECK constraint on a bad value would. */
    @Override
    void refuseEventsContaining(String marker) {
        database.write("refuse events", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE OR REPLACE FUNCTION refuse_marked() RETURNS trigger AS $$
                        BEGIN
                            IF NEW.data::text LIKE '%' || TG_ARGV[0] || '%' THEN
                                RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation';
                            END IF;
                            RETURN NEW;
                        END $$ LANGUAGE plpgsql""");
                s.execute("CREATE TRIGGER refuse_marked BEFORE INSERT ON events FOR EACH ROW "
                        + "EXECUTE FUNCTION refuse_marked('" + marker + "')");
            }
            return null;
        });
    }

    @Override
    void acceptAllEvents() {
        database.write("accept events", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS refuse_marked ON events");
            }
            return null;
        });
    }

    @Test
    void givenDatabaseThatStopsAcceptingConnections_whenBatchStored_thenAnOutageNotARefusal_andStoredOnceBack()
            throws Exception {
        store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 2));
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + databaseName + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseName + "'");
            try {
                StoreException outage = assertThrows(StoreException.class,
                        () -> store.storeBatch(SITE, TestEvents.batch(KIOSK, 3, 4)));
                assertFalse(outage.refusedData(), "no connection is an outage: " + outage.getMessage());
            } finally {
                s.execute("ALTER DATABASE " + databaseName + " ALLOW_CONNECTIONS true");
            }
        }
        org.awaitility.Awaitility.await("stored once the database is back").atMost(java.time.Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> store.storeBatch(SITE, TestEvents.batch(KIOSK, 3, 4)) == 4);
        assertEquals(4, store.stats().events());
        assertEquals(0, store.stats().quarantined());
    }

    @Override
    Database openDatabase() {
        return Database.open(new StoreConfig(SERVER + databaseName, USER, "", 8, java.time.Duration.ofSeconds(5)));
    }
}
