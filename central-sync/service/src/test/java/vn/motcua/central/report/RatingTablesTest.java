package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rollup table that can answer a report gives the same numbers, on SQLite and PostgreSQL. */
class RatingTablesTest {
    private static final String[] COUNTERS = {"c1", "c2", "c3"};
    private static final String[] OFFICERS = {"o1", "o2", "o3", null};
    private static final String[] PROCEDURES = {"p1", "p2", null};
    private static final RatingLevel[] LEVELS = RatingLevel.values();
    private static final int RATINGS = 240;
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_rating_tables");
    private Database database;
    private EventStore store;

    /** Rating i: site-(i%2+1), counter, officer, procedure and level cycling at different rates, over 20 days. */
    private static KioskEvent rating(int i, int seq) {
        OffsetDateTime at = OffsetDateTime.parse("2026-10-25T09:00:00+07:00").plusDays(i % 20).plusMinutes(i);
        return new KioskEvent(seq, UUID.randomUUID(), EventType.RATING_SUBMITTED, at, true, "boot-1", i * 1000L,
                new RatingSubmitted("r-" + i, null, COUNTERS[i % 3], OFFICERS[i % 4], PROCEDURES[i % 3 == 0 ? 2
                        : i % 2], LEVELS[i % 5], 5, List.of(), null));
    }

    private static List<String> rows(ReportService.Report r) {
        List<String> out = new ArrayList<>();
        for (ReportService.Line l : r.trend()) {
            out.add("trend " + l.period() + " " + Arrays.toString(l.counts()));
        }
        for (ReportService.Line l : r.lines()) {
            out.add("line " + l.period() + " " + l.group() + " " + Arrays.toString(l.counts()));
        }
        out.add("total " + Arrays.toString(r.total().counts()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenRatings_whenReportedFromEachTableThatCoversTheQuery_thenTheNumbersAgree(String dialect)
            throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        for (int site = 1; site <= 2; site++) {
            List<KioskEvent> events = new ArrayList<>();
            for (int i = site - 1; i < RATINGS; i += 2) {
                events.add(rating(i, events.size() + 1));
            }
            store.storeBatch("site-" + site, EventBatch.of("kiosk-" + site, events));
        }
        RatingRollup rollup = new RatingRollup(sql, new ReportConfig(Duration.ofSeconds(1), 7, Duration.ofMinutes(10)), Clock.systemUTC());
        while (rollup.runOnce() > 0) {
            // until caught up
        }
        ReportService reports = new ReportService(sql);
        List<String> queries = List.of("", "&period=week", "&period=month", "&site=site-1", "&groupBy=site",
                "&groupBy=counter", "&site=site-2&groupBy=counter&period=week", "&counter=c1", "&counter=",
                "&groupBy=officer", "&officer=o2&period=month", "&groupBy=procedure", "&site=site-1&procedure=p1",
                "&counter=c2&groupBy=officer", "&officer=o1&procedure=p2&groupBy=site");
        for (String params : queries) {
            ReportQuery q = ReportQuery.of(HttpRequest.GET("/reports?from=2026-10-01&to=2026-11-30" + params), RatingRollup.today(Clock.systemUTC()));
            List<String> expected = rows(reports.report(q, RatingTable.ALL));
            int covering = 0;
            for (RatingTable t : RatingTable.values()) {
                if (t.covers(q.columns())) {
                    covering++;
                    assertEquals(expected, rows(reports.report(q, t)), t.table + " for " + params);
                }
            }
            assertTrue(covering >= 1, params);
            assertEquals(expected, rows(reports.report(q)), "the table picked for " + params);
        }
        ReportQuery all = ReportQuery.of(HttpRequest.GET("/reports?from=2026-10-01&to=2026-11-30"), RatingRollup.today(Clock.systemUTC()));
        assertEquals(RATINGS, reports.report(all).total().total(), "every rating once");
        ReportQuery c1 = ReportQuery.of(HttpRequest.GET("/reports?from=2026-10-01&to=2026-11-30&counter=c1"), RatingRollup.today(Clock.systemUTC()));
        assertEquals(RATINGS / 3, reports.report(c1).total().total(), "every third rating is at c1");
        assertEquals(RatingTable.SITE, RatingTable.covering(all.columns()));
        assertEquals(RatingTable.COUNTER, RatingTable.covering(Set.of("counter", "site_id")));
        assertEquals(RatingTable.OFFICER, RatingTable.covering(Set.of("officer_id")));
        assertEquals(RatingTable.PROCEDURE, RatingTable.covering(Set.of("procedure_code", "site_id")));
        assertEquals(RatingTable.ALL, RatingTable.covering(Set.of("counter", "procedure_code")));

        // the rollup fills each narrow table as the migration's backfill would from rating_daily
        for (RatingTable t : RatingTable.values()) {
            List<String> key = new ArrayList<>(List.of("day", "site_id"));
            key.addAll(t.dimensions);
            key.add("level");
            String columns = String.join(", ", key);
            String backfill = "SELECT " + columns + ", SUM(ratings) FROM rating_daily GROUP BY " + columns;
            String table = "SELECT " + columns + ", ratings FROM " + t.table;
            for (String difference : List.of(table + " EXCEPT " + backfill, backfill + " EXCEPT " + table)) {
                boolean differs = sql.query("compare " + t.table, c -> {
                    try (var rs = c.createStatement().executeQuery(difference)) {
                        return rs.next();
                    }
                });
                assertFalse(differs, difference);
            }
        }
    }
}
