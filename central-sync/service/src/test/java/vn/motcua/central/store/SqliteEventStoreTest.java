package vn.motcua.central.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

class SqliteEventStoreTest extends EventStoreContractTest {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open(new StoreConfig("jdbc:sqlite:" + dir.resolve("sub/central.db"), "", "", 8,
                Duration.ofSeconds(5)));
    }

    @Override
    boolean refusesNulInJson() {
        return false;
    }

    /** A trigger's RAISE is a constraint failure, as a CHECK or NOT NULL on a bad value would be. */
    @Override
    void refuseEventsContaining(String marker) {
        database.write("refuse events", c -> {
            try (var s = c.createStatement()) {
                s.execute("CREATE TRIGGER refuse_marked BEFORE INSERT ON events WHEN NEW.data LIKE '%" + marker
                        + "%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
            }
            return null;
        });
    }

    @Override
    void acceptAllEvents() {
        database.write("accept events", c -> {
            try (var s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS refuse_marked");
            }
            return null;
        });
    }
}
