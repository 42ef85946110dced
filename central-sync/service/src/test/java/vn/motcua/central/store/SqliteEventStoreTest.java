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
}
