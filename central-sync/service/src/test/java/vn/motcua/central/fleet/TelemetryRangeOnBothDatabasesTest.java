package vn.motcua.central.fleet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.StoreConfig;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Telemetry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Telemetry numbers no kiosk can report are stored as unknown and counted, on SQLite and PostgreSQL. */
class TelemetryRangeOnBothDatabasesTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    /** 10^308: a load of 309 digits, still a finite double. */
    static final String HUGE = "1" + "0".repeat(308);
    private static String database;
    private Database db;
    private EventStore store;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = vn.motcua.central.TestPostgres.createDatabase("central_telemetry_");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        vn.motcua.central.TestPostgres.dropDatabase(database);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Database open(String dialect) throws Exception {
        db = Database.open(dialect.equals("sqlite")
                ? new StoreConfig("jdbc:sqlite:" + Files.createTempDirectory("telemetry").resolve("c.db"), "", "", 4,
                Duration.ofSeconds(5))
                : new StoreConfig(SERVER + database, "postgres", "", 4, Duration.ofSeconds(5)));
        store = JdbcEventStore.on(db, Clock.systemUTC());
        return db;
    }

    /** A reading as a kiosk would publish it, with a 309-digit load and other impossible numbers. */
    static Telemetry impossible() {
        String json = """
                {"at": "2026-11-30T09:00:00+07:00", "cpuTemperatureC": -300.5, "load1": %s,
                 "memoryUsedBytes": -5, "memoryTotalBytes": 4000000000, "diskUsedBytes": 9223372036854775807,
                 "diskTotalBytes": 32000000000, "printer": "ok", "queueLengths": {"A": 3, "B": -1},
                 "outboxBacklog": 12, "lastAckSeq": 40, "configVersion": 3}""".formatted(HUGE);
        return new ProtocolCodec().decodeTelemetry(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenImpossibleReadings_whenStored_thenUnknownAndCounted_andTheRestKept(String dialect) throws Exception {
        Database sql = open(dialect);
        long before = store.stats().rejected().getOrDefault(TelemetryStore.OUT_OF_RANGE, 0L);
        TelemetryStore telemetry = new TelemetryStore(sql);
        String kiosk = "k" + UUID.randomUUID().toString().substring(0, 8);
        telemetry.record("s1", kiosk, impossible(), System.currentTimeMillis());

        TelemetryStore.Latest latest = telemetry.all().get(new vn.motcua.central.store.KioskKey("s1", kiosk));
        assertNull(latest.load1(), "a 309-digit load is not a load");
        assertNull(latest.cpuTemperatureC());
        assertNull(latest.memoryUsed());
        assertNull(latest.diskUsed());
        assertNull(latest.diskPercent());
        assertEquals(4_000_000_000L, latest.memoryTotal(), "the readings around them are kept");
        assertEquals(12, latest.outboxBacklog());
        assertEquals(40L, latest.lastAckSeq());
        assertEquals("{\"A\":3}", latest.queueLengths());
        assertNull(telemetry.history(new vn.motcua.central.store.KioskKey("s1", kiosk), 0).get(0).load1());
        assertEquals(before + 5, store.stats().rejected().get(TelemetryStore.OUT_OF_RANGE),
                "temperature, load, memory used, disk used and one queue length set aside");

        Map<String, Integer> queues = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            queues.put("Q" + i, i);
        }
        telemetry.record("s1", kiosk, new Telemetry(OffsetDateTime.now(), 149.0, 9999.0, 1L, 2L, 0L, 1L << 50, "ok",
                queues, 0, null, null), System.currentTimeMillis());
        latest = telemetry.all().get(new vn.motcua.central.store.KioskKey("s1", kiosk));
        assertEquals(149.0, latest.cpuTemperatureC(), "the ends of a range are readings");
        assertEquals(9999.0, latest.load1());
        assertEquals(TelemetryStore.QUEUES_MAX, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(latest.queueLengths()).size(), "at most one queue per letter");
    }
}
