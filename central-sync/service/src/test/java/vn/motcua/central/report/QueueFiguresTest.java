package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.StoreException;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Waiting and service times per service and per counter, on SQLite and PostgreSQL, against figures worked out by
 * hand from the events below.
 */
class QueueFiguresTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-20T08:00:00+07:00");
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_queue");
    private Database database;
    private EventStore store;

    /** Events of one kiosk; wall time and uptime both count from T0 unless an event says otherwise. */
    private static final class Events {
        final List<KioskEvent> list = new ArrayList<>();

        Events at(int minutes, int seconds, EventBody body) {
            long offset = minutes * 60_000L + seconds * 1000L;
            return add(T0.plusNanos(offset * 1_000_000), "boot-1", 3_600_000 + offset, body);
        }

        Events add(OffsetDateTime at, String bootId, long uptimeMs, EventBody body) {
            list.add(new KioskEvent(list.size() + 1, UUID.randomUUID(), EventType.of(body), at, true, bootId,
                    uptimeMs, body));
            return this;
        }
    }

    /**
     * Seven tickets on 2026-11-20:
     * <pre>
     * t1 A issued 08:00:00, called c1 08:05:00 (wait 300), recalled c1 08:07:00, served c1 in 240 s
     * t2 A issued 08:01:00, called c2 08:03:30 (wait 150), no-show at c2
     * t3 B issued 08:02:00, called c1 08:12:00 (wait 600), served c1 in 120 s
     * t4 ? issue never received, called c2 08:20:00, served c2 in 90 s
     * t5 B issued 08:30:00, called c2 200 s later by uptime, same boot, while the wall clock stepped back to 08:00
     * t6 B issued 09:00:00, called c1 after a reboot with the wall clock at 08:00 (wait -3600: not counted)
     * t7 A issued 09:10:00, not called yet
     *
     * per service  issued called wait (s)          served service (s) no-shows
     * A            3      2      (300+150)/2 = 225 1      240         1
     * B            3      3      (600+200)/2 = 400 1      120         0
     * per counter
     * c1                  3 (t1 t3 t6) (300+600)/2 = 450   2 (240+120)/2 = 180   0
     * c2                  3 (t2 t4 t5) (150+200)/2 = 175   1 90                  1
     * </pre>
     */
    private static List<KioskEvent> day() {
        Events e = new Events();
        e.at(0, 0, new TicketIssued("t1", "A", 1, "A001", null));
        e.at(1, 0, new TicketIssued("t2", "A", 2, "A002", null));
        e.at(2, 0, new TicketIssued("t3", "B", 1, "B001", null));
        e.at(3, 30, new TicketCalled("t2", "c2", "cb-2"));
        e.at(5, 0, new TicketCalled("t1", "c1", "cb-1"));
        e.at(7, 0, new TicketCalled("t1", "c1", "cb-1"));
        e.at(8, 0, new TicketNoShow("t2", "c2"));
        e.at(11, 0, new TicketServed("t1", "c1", "cb-1", 240));
        e.at(12, 0, new TicketCalled("t3", "c1", "cb-1"));
        e.at(14, 0, new TicketServed("t3", "c1", "cb-1", 120));
        e.at(20, 0, new TicketCalled("t4", "c2", "cb-2"));
        e.at(21, 30, new TicketServed("t4", "c2", "cb-2", 90));
        e.at(30, 0, new TicketIssued("t5", "B", 2, "B002", null));
        e.add(T0, "boot-1", 3_600_000 + 30 * 60_000 + 200_000, new TicketCalled("t5", "c2", "cb-2"));
        e.at(60, 0, new TicketIssued("t6", "B", 3, "B003", null));
        e.add(T0, "boot-2", 5_000, new TicketCalled("t6", "c1", "cb-1"));
        e.at(70, 0, new TicketIssued("t7", "A", 3, "A003", null));
        return e.list;
    }

    private static List<List<ReportService.QueueLine>> figures(Database sql) {
        return new ReportService(sql).queue(ReportQuery.of(HttpRequest.GET(
                "/reports?from=2026-11-01&to=2026-11-30&site=site-q"), RatingRollup.today(Clock.systemUTC())));
    }

    private static void assertHandFigures(List<List<ReportService.QueueLine>> queue) {
        assertEquals(List.of(
                new ReportService.QueueLine("A", 3, 2, 2, 450, 1, 240, 1),
                new ReportService.QueueLine("B", 3, 3, 2, 800, 1, 120, 0)), queue.get(0), "per service");
        assertEquals(List.of(
                new ReportService.QueueLine("c1", 0, 3, 2, 900, 2, 360, 0),
                new ReportService.QueueLine("c2", 0, 3, 2, 350, 1, 90, 1)), queue.get(1), "per counter");
        assertEquals(225.0, queue.get(0).get(0).averageWaitSeconds());
        assertEquals(240.0, queue.get(0).get(0).averageServiceSeconds());
        assertEquals(400.0, queue.get(0).get(1).averageWaitSeconds());
        assertEquals(450.0, queue.get(1).get(0).averageWaitSeconds());
        assertEquals(180.0, queue.get(1).get(0).averageServiceSeconds());
        assertEquals(175.0, queue.get(1).get(1).averageWaitSeconds());
        assertEquals(90.0, queue.get(1).get(1).averageServiceSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenADayOfTickets_whenRolledUpInSmallBatches_thenWaitsAndServiceTimesMatchTheHandFigures(String dialect)
            throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        List<KioskEvent> day = day();
        // the events arrive in two deliveries, and each run reads three: tickets are found again across runs
        store.storeBatch("site-q", EventBatch.of("kiosk-q", day.subList(0, 9)));
        QueueRollup rollup = new QueueRollup(sql, new ReportConfig(Duration.ofSeconds(1), 3, Duration.ofMinutes(10)), Clock.systemUTC());
        while (rollup.runOnce() > 0) {
            // until caught up
        }
        store.storeBatch("site-q", EventBatch.of("kiosk-q", day.subList(9, day.size())));
        int read = 0;
        int n;
        while ((n = rollup.runOnce()) > 0) {
            read += n;
        }
        assertEquals(day.size() - 9, read);
        assertEquals(0, rollup.runOnce(), "nothing read twice");
        assertHandFigures(figures(sql));
        assertEquals(List.of(List.of(), List.of()), new ReportService(sql).queue(ReportQuery.of(HttpRequest.GET(
                "/reports?from=2026-11-21&to=2026-11-30&site=site-q"), RatingRollup.today(Clock.systemUTC()))), "only the days asked for");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTwoInstances_whenBothRollUpAtOnce_thenEveryTicketEventCountsOnce(String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        store.storeBatch("site-q", EventBatch.of("kiosk-q", day()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> instances = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                QueueRollup rollup = new QueueRollup(sql, new ReportConfig(Duration.ofSeconds(1), 2,
                        Duration.ofMinutes(10)), Clock.systemUTC());
                instances.add(() -> {
                    int lost = 0;
                    for (int idle = 0; idle < 3; ) {
                        try {
                            idle = rollup.runOnce() == 0 ? idle + 1 : 0;
                        } catch (StoreException e) {
                            lost++; // the other instance moved the watermark first
                        }
                    }
                    return lost;
                });
            }
            for (Future<Integer> f : pool.invokeAll(instances)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertHandFigures(figures(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTicketsDaysOld_whenLaterEventsRolledUp_thenTheyAreForgotten(String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        Events e = new Events();
        e.at(0, 0, new TicketIssued("old", "A", 1, "A001", null));
        e.add(T0.plusDays(4), "boot-9", 1000, new TicketIssued("new", "A", 1, "A001", null));
        store.storeBatch("site-q", EventBatch.of("kiosk-q", e.list));
        new QueueRollup(sql, new ReportConfig(Duration.ofSeconds(1), 100, Duration.ofMinutes(10)), Clock.systemUTC()).runOnce();
        List<String> remembered = sql.query("open tickets", c -> {
            List<String> ids = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT ticket_id FROM queue_open_tickets")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
        assertEquals(List.of("new"), remembered);
    }

    @Test
    void givenClockSteps_whenWaitMeasured_thenUptimeWinsWithinABootAndImplausibleWaitsAreDropped() {
        Instant issued = T0.toInstant();
        assertEquals(200_000L, QueueRollup.waitMillis(issued.toEpochMilli(), "b", 1_000L, issued.minusSeconds(3600),
                "b", 201_000L), "same boot: the uptime, not the wall clock");
        assertEquals(90_000L, QueueRollup.waitMillis(issued.toEpochMilli(), "b", 1_000L, issued.plusSeconds(90),
                "c", 5L), "after a reboot: the wall clock");
        assertEquals(0L, QueueRollup.waitMillis(issued.toEpochMilli(), "b", null, issued.minusSeconds(30), "c", 5L),
                "a few seconds early is no wait");
        assertNull(QueueRollup.waitMillis(issued.toEpochMilli(), "b", null, issued.minusSeconds(61), "c", 5L));
        assertNull(QueueRollup.waitMillis(issued.toEpochMilli(), "b", null, issued.plus(Duration.ofHours(13)), "c",
                5L));
    }

    @Test
    void givenAverages_whenShown_thenMinutesAndSecondsOrADash() {
        assertEquals("3:45", ReportController.minutesSeconds(225.0));
        assertEquals("1:00", ReportController.minutesSeconds(59.6));
        assertEquals("0:07", ReportController.minutesSeconds(7.0));
        assertEquals("75:00", ReportController.minutesSeconds(4500.0));
        assertEquals("—", ReportController.minutesSeconds(null));
    }
}
