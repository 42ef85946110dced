package vn.motcua.central.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

class SqliteEventStoreTest extends EventStoreContractTest {
    @TempDir
    Path dir;

    @Override
    EventStore openStore() {
        return new SqliteEventStore("jdbc:sqlite:" + dir.resolve("sub/central.db"), Clock.systemUTC());
    }

    @Override
    boolean refusesNulInJson() {
        return false;
    }

    /** A trigger's RAISE is a constraint failure, as a CHECK or NOT NULL on a bad value would be. */
    @Override
    void refuseEventsContaining(String marker) {
        ((SqlAccess) store).write("refuse events", c -> {
            try (var s = c.createStatement()) {
                s.execute("CREATE TRIGGER refuse_marked BEFORE INSERT ON events WHEN NEW.data LIKE '%" + marker
                        + "%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
            }
            return null;
        });
    }

    @Override
    void acceptAllEvents() {
        ((SqlAccess) store).write("accept events", c -> {
            try (var s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS refuse_marked");
            }
            return null;
        });
    }
}
