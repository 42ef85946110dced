package vn.motcua.central.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.Dialect;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.StoreException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.central.report.StoredEvents.rating;

/**
 * Report rollups never freeze: an event they cannot aggregate is set aside with its reason and the events around it
 * count; a database outage sets nothing aside and the next pass catches up. On SQLite and PostgreSQL, with events
 * written straight into the events table as the store writes them.
 */
class RollupSetAsideTest {
    private static final String SITE = StoredEvents.SITE;
    private static final String KIOSK = StoredEvents.KIOSK;
    private static final String DAY = "2026-11-20";
    private static final String FAR_FUTURE = "+999999999-12-31T00:00:00Z";
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_rollup_set_aside");
    private Database database;
    private EventStore store;

    /**
     * Good ticket and rating events with bad ones before, between and after them. Good ones on 2026-11-20: tickets
     * t1 (A) and t3 (B) issued, t1 called at c1 after 5 minutes and served in 240 s; ratings: one satisfied, one
     * dissatisfied (a low rating). Bad ones: a date no report can hold, a serviceSeconds that is no number, a level
     * that is no level, a counter that is no text; on SQLite also a body that is not JSON at all.
     */
    private static StoredEvents mixed(String dialect) {
        StoredEvents e = new StoredEvents(dialect, 1);
        e.bad("queue", "at:", "ticket.issued", FAR_FUTURE,
                "{\"ticketId\":\"t0\",\"service\":\"A\",\"number\":1,\"display\":\"A001\",\"priority\":null}");
        e.good("ticket.issued", 0,
                "{\"ticketId\":\"t1\",\"service\":\"A\",\"number\":1,\"display\":\"A001\",\"priority\":null}");
        e.good("rating.submitted", 1, rating("satisfied", "\"c1\"", "[]"));
        e.bad("ratings", "at:", "rating.submitted", FAR_FUTURE, rating("satisfied", "\"c1\"", "[]"));
        e.good("ticket.called", 5, "{\"ticketId\":\"t1\",\"counter\":\"c1\",\"officerId\":\"o1\"}");
        e.bad("queue", "serviceSeconds", "ticket.served", "2026-11-20T08:07:00+07:00",
                "{\"ticketId\":\"t1\",\"counter\":\"c1\",\"officerId\":\"o1\",\"serviceSeconds\":\"abc\"}");
        e.bad("ratings", "level", "rating.submitted", "2026-11-20T08:08:00+07:00", rating("ecstatic", "\"c1\"", "[]"));
        e.good("ticket.issued", 9,
                "{\"ticketId\":\"t3\",\"service\":\"B\",\"number\":1,\"display\":\"B001\",\"priority\":null}");
        e.good("ticket.served", 10,
                "{\"ticketId\":\"t1\",\"counter\":\"c1\",\"officerId\":\"o1\",\"serviceSeconds\":240}");
        e.bad("ratings", "counter", "rating.submitted", "2026-11-20T08:11:00+07:00", rating("satisfied", "42", "[]"));
        if (dialect.equals("sqlite")) {
            // PostgreSQL's jsonb cannot hold this at all
            e.bad("queue", "JSON", "ticket.no_show", "2026-11-20T08:12:00+07:00", "{\"ticketId\":");
        }
        e.good("rating.submitted", 13, rating("dissatisfied", "\"c1\"", "[\"long_wait\"]"));
        e.bad("queue", "at:", "ticket.no_show", "2026-11-20T08:14:00+99:00",
                "{\"ticketId\":\"t3\",\"counter\":\"c2\"}");
        return e;
    }

    private static ReportConfig config(int batch) {
        return new ReportConfig(Duration.ofSeconds(1), batch, Duration.ofMinutes(10));
    }

    private static int untilCaughtUp(RatingRollup ratings, QueueRollup queue) {
        int read = 0;
        int n;
        while ((n = ratings.runOnce() + queue.runOnce()) > 0) {
            read += n;
        }
        return read;
    }

    /** queue_daily's sums and the rating tables' counts of the day, as one comparable line. */
    private static String figures(Database sql) {
        return sql.query("figures", c -> {
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT service, counter, issued, called, waited, wait_seconds, served, no_shows, service_seconds
                    FROM queue_daily WHERE day = '%s' ORDER BY service, counter""".formatted(DAY))) {
                while (rs.next()) {
                    out.append("queue ");
                    for (int i = 1; i <= 9; i++) {
                        out.append(rs.getString(i)).append(i < 9 ? "," : "; ");
                    }
                }
            }
            for (RatingTable t : RatingTable.values()) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT level, SUM(ratings) FROM " + t.table + " GROUP BY level ORDER BY level")) {
                    out.append(t.table);
                    while (rs.next()) {
                        out.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
                    }
                    out.append("; ");
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT level, reasons FROM low_ratings")) {
                while (rs.next()) {
                    out.append("low ").append(rs.getString(1)).append(' ').append(rs.getString(2)).append("; ");
                }
            }
            return out.toString();
        });
    }

    private static final String EXPECTED_FIGURES = "queue A,,1,0,0,0,0,0,0; queue A,c1,0,1,1,300,1,0,240; "
            + "queue B,,1,0,0,0,0,0,0; rating_daily_site dissatisfied=1 satisfied=1; "
            + "rating_daily_counter dissatisfied=1 satisfied=1; rating_daily_officer dissatisfied=1 satisfied=1; "
            + "rating_daily_procedure dissatisfied=1 satisfied=1; rating_daily dissatisfied=1 satisfied=1; "
            + "low dissatisfied long_wait; ";

    /** rollup_set_aside as event id to rollup, site, kiosk, seq and reason. */
    private static Map<String, List<String>> setAside(Database sql) {
        return sql.query("set aside", c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT event_id, rollup, site_id, kiosk_id, seq, reason, set_aside_at FROM rollup_set_aside
                    ORDER BY ingest_id""")) {
                while (rs.next()) {
                    assertTrue(rs.getLong(7) > 0, "the time it was set aside");
                    out.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    private static void assertSetAsideWithReasons(StoredEvents events, Map<String, List<String>> setAside) {
        assertEquals(events.bad.keySet(), setAside.keySet(), "exactly the events no rollup can read: " + setAside);
        events.bad.forEach((id, expected) -> {
            List<String> row = setAside.get(id);
            assertEquals(expected.get(0), row.get(0), "the rollup that set " + id + " aside");
            assertEquals(List.of(SITE, KIOSK), row.subList(1, 3));
            assertTrue(row.get(4).contains(expected.get(1)), "reason of " + id + " names " + expected.get(1)
                    + ": " + row.get(4));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenEventsTheRollupsCannotRead_whenRolledUp_thenTheyAreSetAsideAndTheEventsAroundThemCount(String dialect)
            throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        StoredEvents events = mixed(dialect);
        events.store(sql);
        RatingRollup ratings = new RatingRollup(sql, config(3), Clock.systemUTC());
        QueueRollup queue = new QueueRollup(sql, config(3), Clock.systemUTC());

        assertEquals(events.rows.size(), untilCaughtUp(ratings, queue), "every event read once");

        assertEquals(EXPECTED_FIGURES, figures(sql));
        assertSetAsideWithReasons(events, setAside(sql));
        long badQueue = events.bad.values().stream().filter(b -> b.get(0).equals("queue")).count();
        // the public page's rollup is not run here: it has read nothing and set nothing aside
        assertEquals(Map.of("queue", badQueue, "ratings", (long) events.bad.size() - badQueue, "ticket_page", 0L),
                new RollupHealth(sql, config(3), Clock.systemUTC()).setAside());

        // a second pass, and a rollup started afresh, find nothing to redo
        assertEquals(0, untilCaughtUp(ratings, queue));
        assertEquals(0, untilCaughtUp(new RatingRollup(sql, config(100), Clock.systemUTC()), new QueueRollup(sql, config(100), Clock.systemUTC())));
        assertEquals(EXPECTED_FIGURES, figures(sql));
        assertSetAsideWithReasons(events, setAside(sql));
    }

    /** The store's connections, whose statements fail as a lost connection does once {@code budget} is spent. */
    private static final class FailingSql implements Database {
        final Database delegate;
        final AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);
        final AtomicInteger failures = new AtomicInteger();

        FailingSql(Database delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T write(String what, Work<T> work) {
            return delegate.write(what, c -> work.run(failing(c)));
        }

        @Override
        public <T> T query(String what, Work<T> work) {
            return delegate.query(what, c -> work.run(failing(c)));
        }

        @Override
        public Dialect dialect() {
            return delegate.dialect();
        }

        @Override
        public void close() {
            delegate.close();
        }

        private Connection failing(Connection real) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().endsWith("Statement") && budget.getAndDecrement() <= 0) {
                            failures.incrementAndGet();
                            throw new SQLException("An I/O error occurred while sending to the backend (test)",
                                    "08006");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheDatabaseLostMidPass_whenRolledUp_thenNothingIsSetAsideWronglyAndTheNextPassCatchesUp(String dialect)
            throws Exception {
        database = databases.open(dialect);
        FailingSql sql = new FailingSql(database);
        // the connection is lost after 0, 2, 4, … statements: at every other point of the pass in turn
        int outages = 0;
        for (int statements = 0; ; statements += 2) {
            empty(sql);
            StoredEvents events = mixed(dialect);
            events.store(sql);
            RatingRollup ratings = new RatingRollup(sql, config(2), Clock.systemUTC());
            QueueRollup queue = new QueueRollup(sql, config(2), Clock.systemUTC());

            sql.failures.set(0);
            sql.budget.set(statements);
            try {
                untilCaughtUp(ratings, queue);
            } catch (StoreException expected) {
                outages++;
            }
            boolean lost = sql.failures.get() > 0;
            if (lost) {
                assertEquals(1, sql.failures.get(), "the pass stopped at the loss after " + statements
                        + " statements, trying nothing more");
            }
            sql.budget.set(Integer.MAX_VALUE);
            Map<String, List<String>> during = setAside(sql);
            assertTrue(events.bad.keySet().containsAll(during.keySet()),
                    "after " + statements + " statements only unreadable events are set aside: " + during);

            untilCaughtUp(ratings, queue);
            assertEquals(EXPECTED_FIGURES, figures(sql), "caught up after a loss at statement " + statements);
            assertSetAsideWithReasons(events, setAside(sql));
            if (!lost) {
                break; // the whole pass ran within the budget: every point has been tried
            }
        }
        assertTrue(outages > 20, "the pass was interrupted at many points: " + outages);
    }

    /** Empties the events and everything rolled up from them. */
    private static void empty(Database sql) {
        sql.write("empty", c -> {
            for (String table : List.of("events", "kiosks", "rating_daily", "rating_daily_site",
                    "rating_daily_counter", "rating_daily_officer", "rating_daily_procedure", "low_ratings",
                    "queue_daily", "queue_open_tickets", "rollup_set_aside")) {
                c.createStatement().execute("DELETE FROM " + table);
            }
            c.createStatement().execute("UPDATE rollup_state SET last_ingest_id = 0");
            return null;
        });
    }

    @Test
    void givenARatingThatOnlyTheDatabaseRefuses_whenRolledUpWithOthers_thenItAloneIsSetAside() throws Exception {
        Database sql = database = databases.open("postgresql");
        store = JdbcEventStore.on(database, Clock.systemUTC());
        // a counter too long for a PostgreSQL index entry: readable, but no rollup table can key it
        Random random = new Random(7);
        StringBuilder counter = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            counter.append((char) ('a' + random.nextInt(26)));
        }
        StoredEvents events = new StoredEvents("postgresql", 1);
        events.good("rating.submitted", 1, rating("satisfied", "\"c1\"", "[]"));
        events.bad("ratings", "index", "rating.submitted", "2026-11-20T08:02:00+07:00",
                rating("satisfied", "\"" + counter + "\"", "[]"));
        events.good("rating.submitted", 3, rating("dissatisfied", "\"c1\"", "[\"long_wait\"]"));
        events.store(sql);
        RatingRollup ratings = new RatingRollup(sql, config(100), Clock.systemUTC());

        assertEquals(3, ratings.runOnce(), "the batch, narrowed down to the event that fails");
        assertEquals(0, ratings.runOnce());

        assertSetAsideWithReasons(events, setAside(sql));
        assertTrue(figures(sql).contains("rating_daily dissatisfied=1 satisfied=1;"), figures(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenEventsStoredLongAgo_whenNotRolledUp_thenTheRollupsAreBehindUntilTheyRun(String dialect)
            throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        RollupHealth health = new RollupHealth(sql, config(100), Clock.systemUTC());
        assertEquals(List.of(), health.behind(), "nothing stored, nothing behind");
        StoredEvents old = mixed(dialect);
        old.receivedAt = Instant.now().minus(Duration.ofMinutes(11));
        old.store(sql);
        assertEquals(List.of("queue", "ratings", "ticket_page"), health.behind());

        untilCaughtUp(new RatingRollup(sql, config(100), Clock.systemUTC()),
                new QueueRollup(sql, config(100), Clock.systemUTC()));
        assertEquals(List.of("ticket_page"), health.behind());
        TicketProgressRollup tickets = new TicketProgressRollup(sql, config(100), Clock.systemUTC());
        while (tickets.runOnce() > 0) {
            // until caught up
        }
        assertEquals(List.of(), health.behind());

        StoredEvents recent = new StoredEvents(dialect, 100);
        recent.good("rating.submitted", 59, rating("satisfied", "\"c1\"", "[]")).store(sql);
        assertEquals(List.of(), health.behind(), "stored a moment ago: not behind yet");
    }

    @Test
    void givenAnEventCommittedLateUnderALowerIngestId_whenRolledUpMeanwhile_thenItStillCounts() throws Exception {
        Database sql = database = databases.open("postgresql");
        store = JdbcEventStore.on(database, Clock.systemUTC());
        String url = databases.url();
        StoredEvents early = new StoredEvents("postgresql", 1)
                .good("rating.submitted", 1, rating("satisfied", "\"c1\"", "[]"));
        StoredEvents late = new StoredEvents("postgresql", 2)
                .good("rating.submitted", 2, rating("dissatisfied", "\"c1\"", "[]"));
        try (Connection slow = DriverManager.getConnection(url, "postgres", "")) {
            // a writer that took its ingest id first and commits last
            slow.setAutoCommit(false);
            early.store(new Database() {
                @Override
                public <T> T write(String what, Work<T> work) {
                    try {
                        return work.run(slow);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public <T> T query(String what, Work<T> work) {
                    return write(what, work);
                }

                @Override
                public Dialect dialect() {
                    return Dialect.POSTGRESQL;
                }

                @Override
                public void close() {
                }
            });
            late.store(sql);
            RatingRollup ratings = new RatingRollup(sql, config(100), Clock.systemUTC());
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(ratings::runOnce);
            await("the rollup waits for the writer, or has run").atMost(Duration.ofSeconds(30))
                    .until(() -> run.isDone() || waitingOnEvents(sql));
            slow.commit();
            try {
                run.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // waiting longer than its lock timeout, the rollup gives up until its next run: also right
                assertTrue(e.getCause() instanceof StoreException, e.toString());
            }
            untilCaughtUp(ratings, new QueueRollup(sql, config(100), Clock.systemUTC()));
        }
        assertTrue(figures(sql).contains("rating_daily dissatisfied=1 satisfied=1;"), figures(sql));
    }

    private static boolean waitingOnEvents(Database sql) {
        return sql.query("locks", c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = 'events'::regclass")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    @Test
    void givenFailures_whenJudged_thenOnlyWhatAnEventCanCauseBlamesTheEvent() {
        assertTrue(EventRollup.blamesTheEvent(new StoreException("x", new ArithmeticException("long overflow"))));
        assertTrue(EventRollup.blamesTheEvent(new StoreException("x", new SQLException("out of range", "22003"))));
        assertTrue(EventRollup.blamesTheEvent(new StoreException("x", new SQLException("too big", "54000"))));
        for (String outage : List.of("08006", "08001", "57P01", "53100", "40001", "40P01", "55P03", "XX000")) {
            assertFalse(EventRollup.blamesTheEvent(new StoreException("x", new SQLException("down", outage))),
                    outage);
        }
        assertFalse(EventRollup.blamesTheEvent(new StoreException("x", new SQLException("closed"))));
        assertFalse(EventRollup.blamesTheEvent(new StoreException("x",
                new java.sql.SQLTransientConnectionException("pool timeout"))));
        assertFalse(EventRollup.blamesTheEvent(new StoreException("x", new RollupWatermark.Moved("moved"))));
    }
}
