package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.TestEvents;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.auth.AuthConfig;
import vn.motcua.central.auth.AuthService;
import vn.motcua.central.web.Role;
import vn.motcua.central.command.CommandRecord;
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.fleet.TelemetryStore;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.StoreConfig;
import vn.motcua.protocol.message.Telemetry;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web features' SQL, written once for both dialects, run on SQLite and on the local PostgreSQL. */
class WebStoresOnBothDatabasesTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static String database;
    private Database db;
    private EventStore store;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = vn.motcua.central.TestPostgres.createDatabase("central_web_");
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
                ? new StoreConfig("jdbc:sqlite:" + Files.createTempDirectory("web-stores").resolve("c.db"), "", "", 4,
                Duration.ofSeconds(5))
                : new StoreConfig(SERVER + database, "postgres", "", 4, Duration.ofSeconds(5)));
        store = JdbcEventStore.on(db, Clock.systemUTC());
        return db;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenEitherDatabase_whenUsersSignInAndFail_thenSessionsAndThrottlingWork(String dialect) throws Exception {
        Database sql = open(dialect);
        AuthService auth = new AuthService(sql, new AuthConfig("", "", "", Duration.ofHours(1), false, 2, 100,
                Duration.ofMinutes(15), 4), Clock.systemUTC());
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        auth.saveUser(name, "mot-mat-khau-dai", Role.OPERATOR);
        AuthService.SignIn ok = auth.signIn(name, "mot-mat-khau-dai", "10.0.0.1");
        assertInstanceOf(AuthService.SignIn.Ok.class, ok);
        String token = ((AuthService.SignIn.Ok) ok).session().token();
        assertEquals(Role.OPERATOR, auth.session(token).orElseThrow().role());
        assertInstanceOf(AuthService.SignIn.Refused.class, auth.signIn(name, "sai", "10.0.0.1"));
        assertInstanceOf(AuthService.SignIn.Refused.class, auth.signIn(name, "sai", "10.0.0.1"));
        assertInstanceOf(AuthService.SignIn.Throttled.class, auth.signIn(name, "mot-mat-khau-dai", "10.0.0.1"));
        auth.signOut(token);
        assertTrue(auth.session(token).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenEitherDatabase_whenAlertsTelemetryAndCommandsStored_thenReadBackPerSiteAndKiosk(String dialect)
            throws Exception {
        Database sql = open(dialect);
        String kiosk = "k" + UUID.randomUUID().toString().substring(0, 8);
        KioskKey one = new KioskKey("s1", kiosk);
        KioskKey twin = new KioskKey("s2", kiosk); // another site's kiosk with the same id
        AlertStore alerts = new AlertStore(sql);
        assertTrue(alerts.raise(one, AlertKind.DISK, "95 %", 1000));
        assertFalse(alerts.raise(one, AlertKind.DISK, "96 %", 2000), "one open alert per kind");
        assertTrue(alerts.raise(twin, AlertKind.DISK, "91 %", 2000), "the other site's kiosk has its own alerts");
        String id = alerts.recent(one, 10).get(0).id();
        assertEquals(1, alerts.recent(one, 10).size());
        assertTrue(alerts.acknowledge(id, "admin", 3000));
        assertTrue(alerts.clear(one, AlertKind.DISK, 4000));
        assertTrue(alerts.raise(one, AlertKind.DISK, "97 %", 5000), "a cleared alert can be raised again");
        assertEquals(1, alerts.openCounts().get(one));
        assertEquals(1, alerts.openCounts().get(twin));

        TelemetryStore telemetry = new TelemetryStore(sql);
        OffsetDateTime now = OffsetDateTime.now();
        telemetry.record("s1", kiosk, new Telemetry(now, 45.5, 0.5, 1L, 2L, 90L, 100L, "ok", Map.of("A", 3), 10, 5L,
                7L), 1000);
        telemetry.record("s1", kiosk, new Telemetry(now, null, null, null, null, 95L, 100L, "paper_out", Map.of(), 60,
                6L, 8L), 2000);
        telemetry.record("s2", kiosk, new Telemetry(now, 70.0, 0.5, 1L, 2L, 10L, 100L, "ok", Map.of(), 3, 5L, 1L),
                2000);
        TelemetryStore.Latest latest = telemetry.all().get(one);
        assertEquals(60, latest.outboxBacklog());
        assertEquals(10L, latest.previousBacklog());
        assertEquals(95.0, latest.diskPercent());
        assertNull(latest.cpuTemperatureC());
        assertEquals(8L, latest.configVersion());
        assertEquals(70.0, telemetry.all().get(twin).cpuTemperatureC());
        java.util.List<TelemetryStore.Point> history = telemetry.history(one, 0);
        assertEquals(1, history.size(), "two readings within five minutes are one point");
        assertEquals(60, history.get(0).backlog(), "the later reading wins");
        assertEquals(3, telemetry.history(twin, 0).get(0).backlog());

        CommandStore commands = new CommandStore(sql, Clock.systemUTC());
        commands.insert(new CommandRecord("c-" + kiosk, kiosk, "s1", "show_notice", "{}", "admin", 1, 10, null, null,
                0, CommandRecord.PENDING));
        assertEquals(CommandStore.ResultOutcome.OTHER_KIOSK,
                commands.recordResult("s1", "other-kiosk", "c-" + kiosk, true, "x", 3), "only the addressee answers");
        assertEquals(CommandStore.ResultOutcome.OTHER_KIOSK,
                commands.recordResult("s2", kiosk, "c-" + kiosk, true, "x", 3), "not the same id at another site");
        assertEquals(CommandStore.ResultOutcome.UNKNOWN, commands.recordResult("s1", kiosk, "c-none", true, "x", 3));
        assertEquals(CommandStore.ResultOutcome.RECORDED,
                commands.recordResult("s1", kiosk, "c-" + kiosk, false, "rejected: bad signature", 3));
        assertEquals(CommandStore.ResultOutcome.ANSWERED,
                commands.recordResult("s1", kiosk, "c-" + kiosk, true, "again", 4), "answered once");
        assertEquals("rejected: bad signature", commands.forKiosk(one, 5).get(0).message());
        assertTrue(commands.forKiosk(twin, 5).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenEventsUnderHeldNumbers_whenCountedForAlerts_thenTheKioskAndHowManyShow_untilTheWindowPasses(
            String dialect) throws Exception {
        Database sql = open(dialect);
        String kiosk = "k" + UUID.randomUUID().toString().substring(0, 8);
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        store.storeBatch("s1", vn.motcua.central.TestEvents.batch(kiosk, 1, 4));
        // the kiosk's replaced SD card numbers from 1 again
        store.storeBatch("s1", vn.motcua.central.TestEvents.batch(kiosk, 1, 3));
        AlertStore alerts = new AlertStore(sql);
        assertEquals(3L, alerts.seqConflictsSince(before).get(new KioskKey("s1", kiosk)));
        assertNull(alerts.seqConflictsSince(java.time.Instant.now().plusSeconds(60)).get(new KioskKey("s1", kiosk)),
                "conflicts older than the window no longer raise the alert");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenStoredRatings_whenRolledUpTwice_thenReportCountsEachOnce(String dialect) throws Exception {
        Database sql = open(dialect);
        if (dialect.equals("postgresql")) {
            sql.write("reset", c -> {
                c.createStatement().execute("TRUNCATE events, kiosk_seqs, kiosks, rating_daily, rating_daily_site, "
                        + "rating_daily_counter, rating_daily_officer, rating_daily_procedure, low_ratings, queue_daily, "
                        + "queue_open_tickets");
                c.createStatement().execute("UPDATE rollup_state SET last_ingest_id = 0");
                return null;
            });
        }
        store.storeBatch("site-r", TestEvents.batch("kiosk-r", 1, 9));
        QueueRollup queueRollup = new QueueRollup(sql, new ReportConfig(Duration.ofSeconds(1), 1000,
                Duration.ofMinutes(10)), Clock.systemUTC());
        assertEquals(6, queueRollup.runOnce(), "three ticket.issued and three ticket.called among nine events");
        assertEquals(0, queueRollup.runOnce());
        RatingRollup rollup = new RatingRollup(sql, new ReportConfig(Duration.ofSeconds(1), 2, Duration.ofMinutes(10)), Clock.systemUTC());
        int read = 0;
        int n;
        while ((n = rollup.runOnce()) > 0) {
            read += n;
        }
        assertEquals(3, read, "three ratings among nine events, read in batches of two");
        assertEquals(0, rollup.runOnce(), "nothing read twice");
        ReportService reports = new ReportService(sql);
        ReportService.Report r = reports.report(ReportQuery.of(HttpRequest.GET(
                "/reports?from=2026-11-01&to=2026-11-30&period=month&groupBy=counter"), RatingRollup.today(Clock.systemUTC())));
        assertEquals(3, r.total().total());
        assertEquals(1.0, r.total().satisfiedShare());
        assertEquals("2026-11", r.trend().get(0).period());
        assertEquals("3", r.lines().get(0).group());
        ReportService.Report bySite = reports.report(ReportQuery.of(HttpRequest.GET(
                "/reports?from=2026-11-01&to=2026-11-30&period=week&site=site-r"), RatingRollup.today(Clock.systemUTC())));
        assertEquals(3, bySite.total().total(), "the site-level rollup agrees");
        assertEquals("2026-11-16", bySite.trend().get(0).period(), "weeks start on Monday");
        java.util.List<java.util.List<ReportService.QueueLine>> queue = reports.queue(ReportQuery.of(HttpRequest.GET(
                "/reports?from=2026-11-01&to=2026-11-30"), RatingRollup.today(Clock.systemUTC())));
        assertEquals("A", queue.get(0).get(0).key());
        assertEquals(3, queue.get(0).get(0).issued());
        assertEquals(0, queue.get(0).get(0).called(), "the calls are of tickets issued elsewhere");
        assertEquals("3", queue.get(1).get(0).key());
        assertEquals(3, queue.get(1).get(0).called(), "so they count for their counter only, without a wait");
        assertNull(queue.get(1).get(0).averageWaitSeconds());
        ReportService.Report injected = reports.report(ReportQuery.of(HttpRequest.GET(
                "/reports?from=2026-11-01&to=2026-11-30&site=x%27%20OR%20%271%27%3D%271"), RatingRollup.today(Clock.systemUTC())));
        assertEquals(0, injected.total().total());
    }
}
