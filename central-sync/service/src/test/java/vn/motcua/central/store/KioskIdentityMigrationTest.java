package vn.motcua.central.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.TestEvents;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.fleet.TelemetryStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database written by the central before a kiosk was (site, kiosk): two sites' kiosk-01 mixed in one kiosk row, the
 * second site's events held aside as conflicts, an event stored twice after a renumbering agent resent it. Migrated,
 * each site's kiosk has its own events once, its own progress, telemetry, alerts and deliveries.
 */
class KioskIdentityMigrationTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String AT = "2026-11-22T08:00:00+07:00";
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = vn.motcua.central.TestPostgres.createDatabase("central_migration_");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        vn.motcua.central.TestPostgres.dropDatabase(database);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenDatabaseOfKioskIdsAlone_whenMigrated_thenEachSitesKioskHasItsOwnEventsOnceAndItsOwnState(
            String dialect) throws Exception {
        boolean pg = dialect.equals("postgresql");
        Path dir = Files.createTempDirectory("migration");
        String url = pg ? SERVER + database : "jdbc:sqlite:" + dir.resolve("c.db");
        Flyway.configure().dataSource(url, pg ? "postgres" : null, pg ? "" : null)
                .locations((pg ? Dialect.POSTGRESQL : Dialect.SQLITE).migrationLocations()).target("13").load().migrate();
        Function<String, String> uuid = v -> pg ? "CAST(" + v + " AS uuid)" : v;
        Function<String, String> jsonb = v -> pg ? "CAST(" + v + " AS jsonb)" : v;
        Function<String, String> time = v -> pg ? "CAST(" + v + " AS timestamptz)" : v;
        List<String> a = ids(4);
        List<String> b = ids(5);
        List<String> k = ids(3);
        List<String> c = ids(2);
        try (Connection db = pg ? DriverManager.getConnection(url, "postgres", "") : DriverManager.getConnection(url)) {
            String insertEvent = "INSERT INTO events (kiosk_id, seq, event_id, site_id, type, at, clock_synced, boot_id, "
                    + "uptime_ms, data, received_at) VALUES (?, ?, " + uuid.apply("?") + ", ?, 'ticket.issued', ?, "
                    + (pg ? "TRUE" : "1") + ", 'boot', 0, " + jsonb.apply("?") + ", " + time.apply("?") + ")";
            try (PreparedStatement ps = db.prepareStatement(insertEvent)) {
                for (int i = 0; i < 4; i++) {
                    event(ps, "kiosk-01", i + 1, a.get(i), "site-a");
                }
                event(ps, "kiosk-01", 5, b.get(4), "site-b"); // the first number site-a's kiosk-01 had not used yet
                for (int i = 0; i < 3; i++) {
                    event(ps, "kiosk-02", i + 1, k.get(i), "site-a");
                }
                event(ps, "kiosk-02", 4, k.get(2), "site-a"); // the same event again, renumbered
                event(ps, "kiosk-03", 1, c.get(0), "site-a");
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO event_conflicts (kiosk_id, event_id, seq, "
                    + "held_event_id, site_id, type, at, data, received_at) VALUES (?, ?, ?, ?, ?, 'ticket.issued', ?, "
                    + "'{\"ticketId\":\"t\"}', '2026-11-22T01:00:00.123Z')")) {
                for (int i = 0; i < 4; i++) {
                    conflict(ps, "kiosk-01", b.get(i), i + 1, a.get(i), "site-b");
                }
                conflict(ps, "kiosk-03", c.get(1), 1, c.get(0), "site-a"); // a restored database: a real conflict
            }
            try (Statement s = db.createStatement()) {
                s.execute("INSERT INTO kiosks (kiosk_id, site_id, contiguous_seq, last_seq, online, version) VALUES "
                        + "('kiosk-01', 'site-b', 5, 5, " + (pg ? "TRUE" : "1") + ", '2.0'), "
                        + "('kiosk-02', 'site-a', 4, 4, " + (pg ? "FALSE" : "0") + ", NULL), "
                        + "('kiosk-03', 'site-a', 1, 1, " + (pg ? "FALSE" : "0") + ", NULL)");
                s.execute("INSERT INTO kiosk_telemetry (kiosk_id, site_id, received_at, at, outbox_backlog) VALUES "
                        + "('kiosk-01', 'site-b', 1000, '" + AT + "', 7)");
                s.execute("INSERT INTO telemetry_history (kiosk_id, bucket, outbox_backlog) VALUES ('kiosk-01', 0, 7)");
                s.execute("INSERT INTO alerts (id, kiosk_id, site_id, kind, detail, raised_at, open_key) VALUES "
                        + "('" + UUID.randomUUID() + "', 'kiosk-01', 'site-b', 'disk', '95 %', 1, 'kiosk-01:disk')");
                s.execute("INSERT INTO config_deliveries (kiosk_id, site_id, version, sent_at) VALUES "
                        + "('kiosk-01', 'site-b', 3, 1)");
                s.execute("INSERT INTO queue_open_tickets (kiosk_id, ticket_id, site_id, service, touched_at) VALUES "
                        + "('kiosk-01', 't-1', 'site-a', 'A', 1)");
                s.execute("INSERT INTO rating_daily (day, site_id, counter, officer_id, procedure_code, level, "
                        + "ratings) VALUES ('2026-11-22', 'site-a', '', '', '', 'satisfied', 2)");
                s.execute("UPDATE rollup_state SET last_ingest_id = 9");
            }
        }

        try (Database sql = Database.open(new StoreConfig(url, pg ? "postgres" : "", "", 2, Duration.ofSeconds(5)))) {
            EventStore store = JdbcEventStore.on(sql, Clock.systemUTC());
            assertEquals(4 + 5 + 3 + 2, store.stats().events(), "site-b's held-aside events are events; one copy "
                    + "of the renumbered resend");
            assertEquals(ids(store, "site-a", "kiosk-01"), sorted(a));
            assertEquals(ids(store, "site-b", "kiosk-01"), sorted(b));
            assertEquals(ids(store, "site-a", "kiosk-02"), sorted(k));
            assertEquals(ids(store, "site-a", "kiosk-03"), sorted(c), "both histories of the restored kiosk");

            Map<KioskKey, KioskState> kiosks = new java.util.HashMap<>();
            store.kiosks().forEach(s -> kiosks.put(s.key(), s));
            assertEquals(4, kiosks.size());
            assertEquals(4, kiosks.get(new KioskKey("site-a", "kiosk-01")).contiguousSeq());
            KioskState siteB = kiosks.get(new KioskKey("site-b", "kiosk-01"));
            assertEquals(5, siteB.contiguousSeq(), "its numbers 1-4 were held aside, 5 stored");
            assertTrue(siteB.online());
            assertEquals("2.0", siteB.version(), "the old row was site-b's status");
            assertFalse(kiosks.get(new KioskKey("site-a", "kiosk-01")).online());
            assertEquals(4, kiosks.get(new KioskKey("site-a", "kiosk-02")).contiguousSeq(),
                    "the renumbered resend still holds its number");
            assertEquals(1, kiosks.get(new KioskKey("site-a", "kiosk-03")).contiguousSeq());

            assertEquals(List.of("site-a/kiosk-03/" + c.get(1)), sql.query("conflicts", db -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = db.createStatement().executeQuery(
                        "SELECT site_id, kiosk_id, event_id FROM event_conflicts")) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
                    }
                }
                return out;
            }), "another site's kiosk with the same id was no conflict");
            assertEquals(List.of(0L, 0L, 0L), sql.query("rollups", db -> {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM rating_daily), "
                        + "(SELECT COUNT(*) FROM queue_open_tickets), MAX(last_ingest_id) FROM rollup_state "
                        // the public page's rollup, added later, starts at the newest event: it keeps no figures
                        + "WHERE name <> 'ticket_page'")) {
                    rs.next();
                    return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }), "an event counted twice: the figures are rolled up again from the events");

            assertFalse(new AlertStore(sql).raise(new KioskKey("site-b", "kiosk-01"), AlertKind.DISK, "96 %", 2),
                    "the open alert stays open, now for site-b's kiosk-01");
            assertTrue(new AlertStore(sql).raise(new KioskKey("site-a", "kiosk-01"), AlertKind.DISK, "96 %", 2));
            TelemetryStore telemetry = new TelemetryStore(sql);
            assertEquals(7, telemetry.all().get(new KioskKey("site-b", "kiosk-01")).outboxBacklog());
            assertEquals(1, telemetry.history(new KioskKey("site-b", "kiosk-01"), 0).size());
            assertEquals("site-b/kiosk-01/3", sql.query("deliveries", db -> {
                try (ResultSet rs = db.createStatement().executeQuery(
                        "SELECT site_id || '/' || kiosk_id || '/' || version FROM config_deliveries")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));

            assertEquals(6, store.storeBatch("site-b", TestEvents.batch("kiosk-01", 6, 6)));
            assertEquals(5, store.storeBatch("site-a", TestEvents.batch("kiosk-01", 5, 5)));
            assertEquals(Map.of(), store.stats().rejected());
        }
    }

    private static List<String> ids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(UUID.randomUUID().toString());
        }
        return out;
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    private static List<String> ids(EventStore store, String site, String kiosk) {
        return store.events(new EventQuery(site, kiosk, null, 100)).stream().map(StoredEvent::id).sorted().toList();
    }

    private static void event(PreparedStatement ps, String kiosk, long seq, String id, String site)
            throws SQLException {
        ps.setString(1, kiosk);
        ps.setLong(2, seq);
        ps.setString(3, id);
        ps.setString(4, site);
        ps.setString(5, AT);
        ps.setString(6, "{\"ticketId\":\"t-" + seq + "\"}");
        ps.setString(7, "2026-11-22T01:00:00.000Z");
        ps.executeUpdate();
    }

    private static void conflict(PreparedStatement ps, String kiosk, String id, long seq, String held, String site)
            throws SQLException {
        ps.setString(1, kiosk);
        ps.setString(2, id);
        ps.setLong(3, seq);
        ps.setString(4, held);
        ps.setString(5, site);
        ps.setString(6, AT);
        ps.executeUpdate();
    }
}
