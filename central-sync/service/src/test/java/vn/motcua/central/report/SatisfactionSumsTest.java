package vn.motcua.central.report;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketServed;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 766 report's sums per month, quarter and year hold the sums of the daily tables: filled by the rollups as they
 * add to the daily tables, and by the migration's back-fill from the monthly tables it replaces, on SQLite and
 * PostgreSQL.
 */
class SatisfactionSumsTest {
    private static final String[] COUNTERS = {"c1", "c2", "c3"};
    private static final String[] OFFICERS = {"o1", "o2", null, "o3"};
    private static final String[] PROCEDURES = {"P1", null, "P2"};
    private static final RatingLevel[] LEVELS = RatingLevel.values();
    private static final List<String> TABLES = List.of("satisfaction_officer", "satisfaction_counter",
            "satisfaction_procedure");
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_satisfaction_sums");

    /**
     * One site's tickets, three a day from 2026-10-25 to 2026-11-07 (local days, so both months), each issued,
     * called, served and rated; counters, officers (some none), procedures (some none) and levels cycle at different
     * rates, so a month's row gathers several days.
     */
    private static List<KioskEvent> tickets(int site) {
        List<KioskEvent> out = new ArrayList<>();
        OffsetDateTime first = OffsetDateTime.parse("2026-10-25T08:00:00+07:00");
        for (int d = 0; d < 14; d++) {
            for (int j = 0; j < 3; j++) {
                int i = site * 100 + d * 3 + j;
                String ticket = "t" + i;
                String counter = COUNTERS[i % 3];
                String officer = OFFICERS[(i / 2) % 4];
                OffsetDateTime at = first.plusDays(d).plusMinutes(j * 30L);
                add(out, at, new TicketIssued(ticket, "A", j + 1, "A00" + (j + 1), null));
                add(out, at.plusMinutes(5), new TicketCalled(ticket, counter, "cb-" + counter));
                add(out, at.plusMinutes(15), new TicketServed(ticket, counter, officer, 600));
                add(out, at.plusMinutes(16), new RatingSubmitted(UUID.randomUUID().toString(), ticket, counter,
                        officer, PROCEDURES[(i / 3) % 3], LEVELS[i % LEVELS.length], 5, List.of(), null));
            }
        }
        return out;
    }

    private static void add(List<KioskEvent> events, OffsetDateTime at, EventBody body) {
        events.add(new KioskEvent(events.size() + 1, UUID.randomUUID(), EventType.of(body), at, true, "boot-1",
                3_600_000L + events.size() * 60_000L, body));
    }

    private static String keyColumn(String table) {
        return switch (table) {
            case "satisfaction_officer" -> "officer_id";
            case "satisfaction_counter" -> "counter";
            default -> "procedure_code";
        };
    }

    /** The month, quarter and year of a day, worked out here apart from the code under test. */
    private static List<String> periodsOf(String day) {
        int month = Integer.parseInt(day.substring(5, 7));
        return List.of(day.substring(0, 7), day.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1), day.substring(0, 4));
    }

    /**
     * What a table should hold, summed here from the daily tables: "period | site | key" to the tickets served (for
     * officers and counters) and the ratings of each level.
     */
    private static Map<String, List<Long>> fromDaily(Database sql, String table) {
        String column = keyColumn(table);
        boolean served = !table.endsWith("procedure");
        Map<String, long[]> sums = new TreeMap<>();
        int width = LEVELS.length + (served ? 1 : 0);
        sql.query("daily", c -> {
            try (Statement s = c.createStatement()) {
                if (served) {
                    try (ResultSet rs = s.executeQuery("SELECT day, site_id, " + column + ", served FROM served_daily")) {
                        while (rs.next()) {
                            for (String p : periodsOf(rs.getString(1))) {
                                sums.computeIfAbsent(p + " | " + rs.getString(2) + " | " + rs.getString(3),
                                        k -> new long[width])[0] += rs.getLong(4);
                            }
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT day, site_id, " + column + ", level, ratings FROM "
                        + "rating_daily_" + table.substring("satisfaction_".length()))) {
                    while (rs.next()) {
                        int level = RatingLevel.fromWire(rs.getString(4)).orElseThrow().ordinal();
                        for (String p : periodsOf(rs.getString(1))) {
                            sums.computeIfAbsent(p + " | " + rs.getString(2) + " | " + rs.getString(3),
                                    k -> new long[width])[(served ? 1 : 0) + level] += rs.getLong(5);
                        }
                    }
                }
            }
            return null;
        });
        Map<String, List<Long>> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, Arrays.stream(v).boxed().toList()));
        return out;
    }

    /** What a table holds, in the shape of {@link #fromDaily}. */
    private static Map<String, List<Long>> held(Database sql, String table) {
        boolean served = !table.endsWith("procedure");
        String levels = String.join(", ", Arrays.stream(LEVELS).map(RatingLevel::wireName).toList());
        return sql.query("held", c -> {
            Map<String, List<Long>> out = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT period, site_id, "
                    + keyColumn(table) + ", " + (served ? "served, " : "") + levels + " FROM " + table)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Long> counts = new ArrayList<>();
                    for (int i = 4; i <= n; i++) {
                        counts.add(rs.getLong(i));
                    }
                    out.put(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3), counts);
                }
            }
            return out;
        });
    }

    private static long total(Database sql, String query) {
        return sql.query("total", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void assertEachPeriodIsTheSumOfItsDays(Database sql) {
        for (String table : TABLES) {
            Map<String, List<Long>> held = held(sql, table);
            assertEquals(fromDaily(sql, table), held, table);
            for (String period : List.of("2026-10 ", "2026-11 ", "2026-Q4 ", "2026 ")) {
                assertTrue(held.keySet().stream().anyMatch(k -> k.startsWith(period)), table + ": " + period);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTicketsOverTwoMonths_whenRolledUp_thenEachPeriodsRowIsTheSumOfItsDays(String dialect) throws Exception {
        Database sql = databases.open(dialect);
        EventStore store = JdbcEventStore.on(sql, Clock.systemUTC());
        for (int site = 1; site <= 2; site++) {
            List<KioskEvent> events = tickets(site);
            int half = events.size() / 2;
            store.storeBatch("site-" + site, EventBatch.of("kiosk-" + site, events.subList(0, half)));
            Rollups.catchUp(sql, 5);
            store.storeBatch("site-" + site, EventBatch.of("kiosk-" + site, events.subList(half, events.size())));
        }
        Rollups.catchUp(sql, 5);

        long served = total(sql, "SELECT SUM(served) FROM served_daily");
        assertTrue(served > 40, "tickets served");
        assertEquals(served, total(sql, "SELECT SUM(served) FROM satisfaction_counter WHERE period = '2026'"),
                "every ticket served once a year");
        assertEquals(served, total(sql, "SELECT SUM(served) FROM satisfaction_officer WHERE period = '2026-Q4'"),
                "every ticket served once a quarter");
        assertEquals(84L, total(sql, "SELECT SUM(very_satisfied + satisfied + neutral + dissatisfied"
                + " + very_dissatisfied) FROM satisfaction_procedure WHERE period LIKE '2026-1_'"),
                "every rating counted once in its month");
        assertEachPeriodIsTheSumOfItsDays(sql);
    }

    private String script(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/db/common/" + name)) {
            // without its comments, whose words may hold a semicolon
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheMonthlyTablesOfBefore_whenTheMigrationsBackFillRuns_thenEachPeriodIsTheSumOfItsDays(String dialect)
            throws Exception {
        Database sql = databases.open(dialect);
        EventStore store = JdbcEventStore.on(sql, Clock.systemUTC());
        store.storeBatch("site-1", EventBatch.of("kiosk-1", tickets(1)));
        store.storeBatch("site-2", EventBatch.of("kiosk-2", tickets(2)));
        Rollups.catchUp(sql, 5);
        String monthly = script("V24__monthly_rollups.sql");
        String periods = script("V25__satisfaction_periods.sql");
        sql.write("back-fill", c -> {
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    s.executeUpdate("DELETE FROM " + table);
                }
                // the monthly tables as the earlier migration made and filled them, then this one's back-fill
                for (String statement : monthly.split(";")) {
                    if (!statement.isBlank()) {
                        s.executeUpdate(statement.strip());
                    }
                }
                for (String statement : periods.split(";")) {
                    String trimmed = statement.strip();
                    if (trimmed.startsWith("INSERT") || trimmed.startsWith("DROP")) {
                        s.executeUpdate(trimmed);
                    }
                }
            }
            return null;
        });

        assertEquals(84L, total(sql, "SELECT SUM(very_satisfied + satisfied + neutral + dissatisfied"
                + " + very_dissatisfied) FROM satisfaction_officer WHERE period = '2026'"));
        assertEachPeriodIsTheSumOfItsDays(sql);
    }
}
