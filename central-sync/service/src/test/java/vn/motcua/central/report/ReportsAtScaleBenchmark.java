package vn.motcua.central.report;

import org.junit.jupiter.api.Test;
import vn.motcua.central.TestPostgres;
import vn.motcua.central.report.integrity.IntegrityConfig;
import vn.motcua.central.report.integrity.IntegrityPass;
import vn.motcua.central.report.integrity.IntegrityService;
import vn.motcua.central.report.officer.KeptOfficerLines;
import vn.motcua.central.report.officer.OfficerDayReport;
import vn.motcua.central.report.officer.OfficerLinesConfig;
import vn.motcua.central.report.officer.OfficerLinesRefresher;
import vn.motcua.central.report.officer.OfficerPeriod;
import vn.motcua.central.report.satisfaction.SatisfactionPeriod;
import vn.motcua.central.report.satisfaction.SatisfactionReport;
import vn.motcua.central.report.servicelevel.ServiceLevelReport;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreConfig;
import vn.motcua.protocol.event.RatingLevel;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports at ten times Hải Phòng's scale on PostgreSQL (mvn -Pbench): p50/p95 of each report, for one month and
 * the longest period its page allows (a year; a quarter and a year besides the month for the service level, whose
 * all-sites report is per site and service; a day besides the month for the officer's day), all sites and one site,
 * run through the service classes the pages use.
 *
 * <p>Hải Phòng has 114 commune-level units and the city centre; ten times that is 1,200 sites of 10 kiosks each
 * (8 counters with a rating device, 2 ticket dispensers), 12,000 kiosks, about 400,000 tickets on the busiest day.
 * A year of raw events (about 120 million tickets, 400 million events) would take hours to seed, so the year is seeded
 * straight into the rollup tables the reports read, as the rollups would have filled them:
 * <ul>
 *   <li>{@code served_daily}: per site, working day (Monday to Friday, Saturday at half), counter (8) and service
 *       (each counter serves 2 of the site's 4), its officer that day (10 per site, rotating over the counters);
 *       a site's size varies 0.4 to 1.6 times the mean of 333 tickets a day;</li>
 *   <li>{@code rating_daily_officer} and {@code rating_daily_counter}: 60 % of the served tickets rated, levels
 *       about 70 / 20 / 6 / 3 / 1 % from very satisfied down, a level's row only where it has ratings;</li>
 *   <li>{@code rating_daily_procedure}: the same ratings spread over 12 of the site's 30 procedures each day;</li>
 *   <li>{@code site_configs}: 12 published versions per site, the newest naming it and giving its 4 services
 *       waiting-time targets of 15 to 30 minutes;</li>
 *   <li>{@code queue_daily} (the year), {@code calls_by_wait_minute} (the fourth quarter), {@code officer_visits}
 *       and {@code counter_sign_ins} (the month): the same tickets as {@code served_daily}, each visit with its
 *       wait and service time, the counter's officer signed in and out once a day;</li>
 *   <li>the 766 report's sums per month, quarter and year ({@code satisfaction_*}): summed from the daily ones
 *       above, as the rollups would have added them.</li>
 *   <li>the service level's sums per month, quarter and year ({@code service_level_period},
 *       {@code calls_by_wait_period}): filled after the seeding by V28's back-fill from {@code queue_daily} and
 *       {@code calls_by_wait_minute}, under a marker of their own.</li>
 * </ul>
 * The integrity flags read raw events, so a realistic slice is stored as events: one district ({@value #EVENT_SITES}
 * sites) for one month, every ticket issued, called and served and 60 % of them rated (a tenth without ticket).
 * {@code rating_daily} and {@code rating_daily_site} (the older reports) are not seeded.
 *
 * <p>After the seeding, the officer's day of all sites is kept as the service keeps it: every site's days of the month
 * are marked due and {@link OfficerLinesRefresher} computes each site's days, weeks and month once (marker
 * {@value #DERIVED_OFFICER_LINES}); the time it took, per site and in all, is the background cost at this scale and is
 * printed in the table. The officer's day of all sites is then read from the kept lines, one site as the page does.
 *
 * <p>The database ({@value #DATABASE}) is kept: a later run finds its marker row for the same scale and skips the
 * seeding. {@code -Dbench.reseed=true} seeds again; {@code -Dbench.runs=N} sets the measured runs per case;
 * {@code -Dbench.pg.options="-c jit=off"} passes server settings to the reports' connections;
 * {@code -Dbench.cases=integrity} runs only the cases whose name holds that text. A case stops after
 * {@code -Dbench.budgetSeconds} (60) of measured runs, five runs at least; the table says how many it took.
 */
class ReportsAtScaleBenchmark {
    static final String DATABASE = "motcua_bench";
    static final int EVENT_SITES = 12;
    /** Changes whenever the seeding below changes, so an older seed is replaced. */
    private static final String SEED = "v2 sites=1200 counters=8 officers=10 services=4 procedures=30 year=2025"
            + " events=" + EVENT_SITES + "x2025-11";
    private static final LocalDate MONTH = LocalDate.of(2025, 11, 1);
    /** A Monday of that month. */
    private static final LocalDate BUSY_DAY = LocalDate.of(2025, 11, 17);
    private static final String ONE_SITE = "hp-0007";
    /** Marks the kept integrity figures derived from this seeding (a row of bench_seed under {@link #SEED}). */
    private static final String INTEGRITY_MARKER = "derived integrity v1";
    /** Runs before the measured ones; {@code -Dbench.warmup=N} sets it (a report of a minute needs fewer). */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 3);
    /** Runs measured at least, however long a case takes. */
    private static final int MIN_RUNS = 5;
    /** The marker of the service level's sums per period, derived from the seeded daily rows after the seeding. */
    private static final String DERIVED_SERVICE_LEVEL = "derived service level v1";
    /** The marker of the kept officer lines, made from the seeded tables after them. */
    static final String DERIVED_OFFICER_LINES = "derived officer lines v1";
    /** The seeded tables the kept officer lines are computed from: seeding one again makes them again. */
    private static final List<String> OFFICER_LINES_FROM = List.of("officer_visits", "counter_sign_ins",
            "rating_daily_officer", "site_configs");
    private static final List<String> SEEDED = List.of("served_daily", "rating_daily_officer", "rating_daily_counter",
            "rating_daily_procedure", "site_configs", "events", "satisfaction_officer", "satisfaction_counter",
            "satisfaction_procedure", "queue_daily", "calls_by_wait_minute", "officer_visits", "counter_sign_ins");

    /**
     * A period a case is run for: its days, and the same period as the 766 report and the officer's day name it
     * (null where they have no such period).
     */
    record Period(String name, LocalDate from, LocalDate to, SatisfactionPeriod satisfaction, OfficerPeriod officer) {
        static Period day(LocalDate day) {
            return new Period("day " + day, day, day, null, OfficerPeriod.of("day", day.toString(), day));
        }

        static Period month(LocalDate first) {
            String month = first.toString().substring(0, 7);
            SatisfactionPeriod p = SatisfactionPeriod.of("month", month, first);
            return new Period("month " + p.value(), p.from(), p.to(), p, OfficerPeriod.of("month", month, first));
        }

        static Period quarter(LocalDate first) {
            SatisfactionPeriod p = SatisfactionPeriod.of("quarter", first.getYear() + "-Q"
                    + ((first.getMonthValue() + 2) / 3), first);
            return new Period("quarter " + p.value(), p.from(), p.to(), p, null);
        }

        static Period year(int year) {
            SatisfactionPeriod p = SatisfactionPeriod.of("year", String.valueOf(year), LocalDate.of(year, 1, 1));
            return new Period("year " + p.value(), p.from(), p.to(), p, null);
        }
    }

    /** One report as a page asks for it; {@code site} empty for all sites. Returns what it made, to be counted. */
    @FunctionalInterface
    interface Report {
        Object run(Period period, String site);
    }

    /** A report and the periods it is measured for: the longest its page allows, and the usual one. */
    record Case(String name, List<Period> periods, Report report) {
    }

    /** The reports measured; a further report is one more line here. */
    static List<Case> cases(Database db) {
        SatisfactionReport satisfaction = new SatisfactionReport(db);
        IntegrityService integrity = new IntegrityService(db, IntegrityConfig.defaults(),
                java.time.Clock.systemUTC());
        ServiceLevelReport serviceLevel = new ServiceLevelReport(db);
        OfficerDayReport officers = new OfficerDayReport(db);
        KeptOfficerLines kept = new KeptOfficerLines(db);
        List<Period> monthAndYear = List.of(Period.month(MONTH), Period.year(MONTH.getYear()));
        return List.of(
                new Case("766 satisfaction", monthAndYear, (p, site) -> satisfaction.report(p.satisfaction(), site)),
                new Case("integrity flags", monthAndYear, (p, site) -> integrity.flags(p.from(), p.to(), site)),
                // whole months: summed from integrity_month (see deriveIntegrity)
                new Case("integrity kept", monthAndYear, (p, site) -> integrity.report(
                        new ReportQuery(p.from(), p.to(), "day", site, "", "", "", "")).flags()),
                // all sites per site and service for a month, quarter or year; one site per day and counter
                new Case("service level", List.of(Period.month(MONTH), Period.quarter(MONTH),
                        Period.year(MONTH.getYear())), (p, site) -> site.isEmpty()
                        ? serviceLevel.sites(p.satisfaction()) : serviceLevel.report(p.from(), p.to(), site)),
                // a day, a week or a month: the month is the longest; all sites from the kept lines, one site live
                new Case("officer's day", List.of(Period.day(BUSY_DAY), Period.month(MONTH)),
                        (p, site) -> site.isEmpty() ? kept.report(p.officer()) : officers.report(p.officer(), site)));
    }

    @Test
    void reportsAtTenTimesHaiPhong() throws Exception {
        int runs = Integer.getInteger("bench.runs", 20);
        Duration budget = Duration.ofSeconds(Long.getLong("bench.budgetSeconds", 60));
        Set<String> seeded = Boolean.getBoolean("bench.reseed") ? null : seeded();
        if (seeded == null) {
            createDatabase();
            seeded = Set.of();
        }
        String url = TestPostgres.url(DATABASE);
        // -Dbench.pg.options="-c jit=off", say: server settings for the service's connections only
        String options = System.getProperty("bench.pg.options", "");
        String serviceUrl = options.isEmpty() ? url
                : url + "?options=" + java.net.URLEncoder.encode(options, java.nio.charset.StandardCharsets.UTF_8);
        try (Database db = Database.open(new StoreConfig(serviceUrl, TestPostgres.USER, "", 4,
                Duration.ofSeconds(30)))) {
            List<String[]> table = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, "")) {
                seed(c, seeded);
                describe(c);
                deriveIntegrity(c, db, seeded);
                table.addAll(keepOfficerLines(c, db, seeded));
            }
            for (String[] row : table) {
                System.out.printf("BENCH %-18s %-12s %-9s lines %-7s runs %-3s p50 %8s ms  p95 %8s ms%n",
                        (Object[]) row);
            }
            List<String> sites = List.of("", ONE_SITE);
            String only = System.getProperty("bench.cases", "");
            for (Case k : cases(db)) {
                if (!k.name().contains(only)) {
                    continue;
                }
                for (Period p : k.periods()) {
                    for (String site : sites) {
                        long[] samples = new long[runs];
                        int size = 0;
                        int measured = 0;
                        long spent = 0;
                        for (int i = -WARM_UP; i < runs; i++) {
                            long t0 = System.nanoTime();
                            Object made = k.report().run(p, site);
                            long t = System.nanoTime() - t0;
                            if (i >= 0) {
                                samples[measured++] = t;
                                spent += t;
                            }
                            size = size(made);
                            if (i >= MIN_RUNS - 1 && spent > budget.toNanos()) {
                                break; // a case far over its target says so in a few runs
                            }
                        }
                        long[] taken = Arrays.copyOf(samples, measured);
                        Arrays.sort(taken);
                        table.add(new String[]{k.name(), p.name(), site.isEmpty() ? "all sites" : site,
                                String.valueOf(size), String.valueOf(measured), ms(percentile(taken, 50)),
                                ms(percentile(taken, 95))});
                        System.out.printf("BENCH %-18s %-12s %-9s lines %-7s runs %-3s p50 %8s ms  p95 %8s ms%n",
                                (Object[]) table.get(table.size() - 1));
                    }
                }
            }
            System.out.println("BENCH | report | period | site | lines | runs | p50 ms | p95 ms |");
            System.out.println("BENCH |---|---|---|---:|---:|---:|---:|");
            for (String[] row : table) {
                System.out.println("BENCH | " + String.join(" | ", row) + " |");
            }
        }
    }

    private static int size(Object made) {
        if (made instanceof Collection<?> c) {
            return c.size();
        }
        if (made instanceof SatisfactionReport.Report r) {
            return r.officers().size() + r.counters().size() + r.procedures().size();
        }
        if (made instanceof ServiceLevelReport.Report r) {
            return r.lines().size();
        }
        if (made instanceof ServiceLevelReport.SitesReport r) {
            return r.lines().size();
        }
        if (made instanceof OfficerDayReport.Report r) {
            return r.officers().size();
        }
        if (made instanceof KeptOfficerLines.AllSites r) {
            return r.report().officers().size();
        }
        return 1;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    /**
     * The tables an earlier run seeded as this seeding does; null when the database is not there or holds another
     * seeding (then it is made again).
     */
    private static Set<String> seeded() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.SERVER + "postgres", TestPostgres.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                return null;
            }
        }
        Set<String> tables = new HashSet<>();
        try (Connection c = DriverManager.getConnection(TestPostgres.url(DATABASE), TestPostgres.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seed, seeded_table, seconds FROM bench_seed")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(SEED)) {
                    return null;
                }
                tables.add(rs.getString(2));
                System.out.printf("BENCH seed: %-22s kept from an earlier run (seeded in %.1f s)%n", rs.getString(2),
                        rs.getDouble(3));
            }
        } catch (SQLException e) {
            return null; // no marker table: not seeded by this benchmark
        }
        return tables;
    }

    /** (Re)creates the benchmark's own database, empty; never touches another. */
    private static void createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestPostgres.SERVER + "postgres", TestPostgres.USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    /**
     * Seeds each table an earlier run has not, each in one transaction with its marker row, so an interrupted
     * seeding resumes at the table it was filling.
     */
    private static void seed(Connection c, Set<String> seeded) throws SQLException {
        try (Statement s = c.createStatement()) {
            // a crash empties unlogged tables, this one too: the next run then seeds again
            s.execute("CREATE UNLOGGED TABLE IF NOT EXISTS bench_seed (seed TEXT NOT NULL, seeded_table TEXT NOT NULL,"
                    + " seconds DOUBLE PRECISION NOT NULL, seeded_at TIMESTAMPTZ NOT NULL,"
                    + " PRIMARY KEY (seed, seeded_table))");
            s.execute("SET maintenance_work_mem = '1GB'");
            s.execute("SET work_mem = '256MB'");
            s.execute("SET synchronous_commit = off");
            c.setAutoCommit(false);
            for (String table : SEEDED) {
                if (seeded.contains(table)) {
                    continue;
                }
                double seconds = fill(c, s, table, List.of(table), Seeding.of(table));
                System.out.printf("BENCH seed: %-22s %,12d rows in %6.1f s%n", table, count(s, table), seconds);
            }
            boolean derived = deriveServiceLevelPeriods(c, s, seeded);
            c.setAutoCommit(true);
            if (!seeded.containsAll(SEEDED)) {
                s.execute("VACUUM ANALYZE");
            } else if (derived) {
                s.execute("VACUUM ANALYZE service_level_period");
                s.execute("VACUUM ANALYZE calls_by_wait_period");
            }
        }
    }

    /**
     * Fills the service level's sums per period from the seeded {@code queue_daily} and {@code calls_by_wait_minute}
     * with V28's own back-fill, as the queue rollup would have added them, when no run has done so for this seed
     * (its own marker row, so the base seeding is kept). Only the fourth quarter has minutes, so the year's minute
     * rows are as many as a quarter's: a line's minutes are bounded by the longest wait counted, not by its days.
     * Returns whether it filled them.
     */
    private static boolean deriveServiceLevelPeriods(Connection c, Statement s, Set<String> seeded)
            throws SQLException {
        if (seeded.contains(DERIVED_SERVICE_LEVEL)) {
            return false;
        }
        double seconds = fill(c, s, DERIVED_SERVICE_LEVEL, List.of("service_level_period", "calls_by_wait_period"),
                backFill());
        System.out.printf("BENCH seed: %-22s %,12d + %,d rows in %6.1f s%n", DERIVED_SERVICE_LEVEL,
                count(s, "service_level_period"), count(s, "calls_by_wait_period"), seconds);
        return true;
    }

    /** The INSERT statements of V28, which fill the sums per period from the daily rows. */
    private static List<String> backFill() {
        try (java.io.InputStream in = ReportsAtScaleBenchmark.class
                .getResourceAsStream("/db/common/V28__service_level_periods.sql")) {
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
            return Arrays.stream(script.split(";")).map(String::strip).filter(x -> x.startsWith("INSERT")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Keeps the officer's day of every site for the seeded month, as the service's refresher does, unless an earlier
     * run did so from the same seeded tables: marks every site's days of the month due (clearing what the migration
     * marked, the year's ratings among it) and refreshes each site once. Returns the table's rows for the refresh:
     * per site (the "lines" column holds the periods written, "runs" the sites) and in all.
     */
    private static List<String[]> keepOfficerLines(Connection c, Database db, Set<String> seeded)
            throws SQLException {
        String month = MONTH.toString().substring(0, 7);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE IF NOT EXISTS bench_officer_lines (seed TEXT PRIMARY KEY,"
                    + " sites INT NOT NULL, periods INT NOT NULL, total_ms DOUBLE PRECISION NOT NULL, p50_ms DOUBLE PRECISION NOT NULL,"
                    + " p95_ms DOUBLE PRECISION NOT NULL, max_ms DOUBLE PRECISION NOT NULL)");
            boolean kept = seeded.contains(DERIVED_OFFICER_LINES) && seeded.containsAll(OFFICER_LINES_FROM);
            if (!kept) {
                s.execute("DELETE FROM bench_seed WHERE seeded_table = '" + DERIVED_OFFICER_LINES + "'");
                s.execute("DELETE FROM bench_officer_lines");
                s.execute("TRUNCATE officer_lines_kept");
                s.execute("TRUNCATE officer_lines_due");
                s.execute("""
                        INSERT INTO officer_lines_due (site_id, day, marked_at, version)
                        SELECT site_id, day, 0, 1 FROM (
                            SELECT site_id, day FROM officer_visits WHERE day LIKE '%1$s%%'
                            UNION SELECT site_id, day FROM counter_sign_ins WHERE day LIKE '%1$s%%'
                            UNION SELECT site_id, day FROM rating_daily_officer WHERE day LIKE '%1$s%%') d
                        """.formatted(month));
                s.execute("ANALYZE officer_lines_due");
                List<String> dueSites = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT site_id FROM officer_lines_due ORDER BY 1")) {
                    while (rs.next()) {
                        dueSites.add(rs.getString(1));
                    }
                }
                OfficerLinesRefresher refresher = new OfficerLinesRefresher(db, new OfficerDayReport(db),
                        OfficerLinesConfig.defaults(), Clock.systemUTC());
                long[] perSite = new long[dueSites.size()];
                int periods = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < dueSites.size(); i++) {
                    long t = System.nanoTime();
                    periods += refresher.refresh(dueSites.get(i));
                    perSite[i] = System.nanoTime() - t;
                }
                long total = System.nanoTime() - t0;
                assertTrue(count(s, "officer_lines_due") == 0, "every due day refreshed");
                s.execute("ANALYZE officer_lines_kept");
                Arrays.sort(perSite);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO bench_officer_lines VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, SEED);
                    ps.setInt(2, dueSites.size());
                    ps.setInt(3, periods);
                    ps.setDouble(4, total / 1e6);
                    ps.setDouble(5, percentile(perSite, 50) / 1e6);
                    ps.setDouble(6, percentile(perSite, 95) / 1e6);
                    ps.setDouble(7, perSite.length == 0 ? 0 : perSite[perSite.length - 1] / 1e6);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_seed VALUES (?, ?, ?, now())")) {
                    ps.setString(1, SEED);
                    ps.setString(2, DERIVED_OFFICER_LINES);
                    ps.setDouble(3, total / 1e9);
                    ps.executeUpdate();
                }
                System.out.printf("BENCH seed: %-22s %d sites, %d periods in %6.1f s%n", DERIVED_OFFICER_LINES,
                        dueSites.size(), periods, total / 1e9);
            }
            try (ResultSet rs = s.executeQuery("SELECT sites, periods, total_ms, p50_ms, p95_ms, max_ms "
                    + "FROM bench_officer_lines WHERE seed = '" + SEED.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    return List.of();
                }
                String period = "month " + month;
                String sites = String.valueOf(rs.getInt(1));
                String periods = String.valueOf(rs.getInt(2));
                double total = rs.getDouble(3);
                System.out.printf("BENCH officer lines refresh: %s sites, %s periods, %.1f s in all, per site p50 %.1f"
                        + " ms, p95 %.1f ms, max %.1f ms%s%n", sites, periods, total / 1000, rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), kept ? " (kept from an earlier run)" : "");
                return List.of(
                        new String[]{"officer lines kept", period, "per site", periods, sites,
                                String.format("%.1f", rs.getDouble(4)), String.format("%.1f", rs.getDouble(5))},
                        new String[]{"officer lines kept", period, "in all", periods, "1",
                                String.format("%.1f", total), String.format("%.1f", total)});
            }
        }
    }

    /**
     * Empties the tables, runs the statements that fill them and records the marker, in one transaction: the tables
     * unlogged (the benchmark's database is disposable: no write-ahead log for its rows, reads are the same) and
     * their indexes built once afterwards. Returns the seconds it took.
     */
    private static double fill(Connection c, Statement s, String marker, List<String> tables, List<String> statements)
            throws SQLException {
        long t = System.nanoTime();
        List<String> rebuild = new ArrayList<>();
        for (String table : tables) {
            rebuild.addAll(dropIndexes(s, table));
            s.execute("TRUNCATE " + table);
            s.execute("ALTER TABLE " + table + " SET UNLOGGED");
        }
        for (String statement : statements) {
            s.execute(statement);
        }
        for (String index : rebuild) {
            s.execute(index);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_seed VALUES (?, ?, ?, now())")) {
            ps.setString(1, SEED);
            ps.setString(2, marker);
            ps.setDouble(3, seconds);
            ps.executeUpdate();
        }
        c.commit();
        return seconds;
    }

    /**
     * Drops a table's indexes and key before it is filled: building them once afterwards is several times faster
     * than keeping them up to date row by row. Returns the statements that build them again.
     */
    private static List<String> dropIndexes(Statement s, String table) throws SQLException {
        List<String> constraints = new ArrayList<>();
        List<String> rebuild = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = '" + table + "'::regclass AND contype IN ('p', 'u')")) {
            while (rs.next()) {
                constraints.add(rs.getString(1));
                rebuild.add("ALTER TABLE " + table + " ADD CONSTRAINT " + rs.getString(1) + " " + rs.getString(2));
            }
        }
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = '" + table
                + "' AND schemaname = 'public'")) {
            while (rs.next()) {
                if (!constraints.contains(rs.getString(1))) {
                    indexes.add(rs.getString(1));
                    rebuild.add(rs.getString(2));
                }
            }
        }
        for (String constraint : constraints) {
            s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
        }
        for (String index : indexes) {
            s.execute("DROP INDEX " + index);
        }
        return rebuild;
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The kept integrity figures, once per seeding (marker row {@value #INTEGRITY_MARKER} beside the seeded tables):
     * (a) the integrity pass over the {@value #EVENT_SITES} event sites' month, timed per site, as the background
     * cost of keeping the figures; (b) {@code integrity_month} for every site and month filled straight from the
     * seeded daily ratings as a stand-in for what the pass would keep (officers from {@code rating_daily_officer},
     * kiosks from {@code rating_daily_counter}, one kiosk per counter; a few subjects given small made-up flag
     * counts), replacing the rows of (a).
     */
    private static void deriveIntegrity(Connection c, Database db, Set<String> seeded) throws SQLException {
        if (seeded.contains(INTEGRITY_MARKER)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            // the migration marked every site-month with ratings due: only the event sites' month is recomputed
            s.execute("DELETE FROM integrity_due");
            s.execute("INSERT INTO integrity_due (site_id, month, marks) SELECT DISTINCT site_id, '"
                    + MONTH.toString().substring(0, 7) + "', 1 FROM events");
            long t = System.nanoTime();
            java.time.Clock clock = java.time.Clock.systemUTC();
            int n = new IntegrityPass(db, new IntegrityService(db, IntegrityConfig.defaults(), clock), clock)
                    .runOnce();
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("BENCH integrity pass: %d site-months in %.1f s, %.0f ms per site-month%n", n, seconds,
                    seconds * 1000 / Math.max(1, n));
            t = System.nanoTime();
            c.setAutoCommit(false);
            s.execute("DELETE FROM integrity_month");
            s.execute(Seeding.INTEGRITY_OFFICERS);
            s.execute(Seeding.INTEGRITY_KIOSKS);
            s.execute("DELETE FROM integrity_due");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_seed VALUES (?, ?, ?, now())")) {
                ps.setString(1, SEED);
                ps.setString(2, INTEGRITY_MARKER);
                ps.setDouble(3, seconds);
                ps.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE integrity_month");
            System.out.printf("BENCH seed: %-22s %,12d rows in %6.1f s%n", "integrity_month",
                    count(s, "integrity_month"), (System.nanoTime() - t) / 1e9);
        }
    }

    /** What the seeded rows stand for, from the rows themselves. */
    private static void describe(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT site_id), SUM(served), MAX(per_day) FROM "
                    + "(SELECT day, site_id, SUM(served) served, SUM(SUM(served)) OVER (PARTITION BY day) per_day "
                    + "FROM served_daily GROUP BY day, site_id) d")) {
                rs.next();
                System.out.printf("BENCH data: %d sites, %,d tickets served in the year, %,d on the busiest day%n",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3));
                assertTrue(rs.getLong(3) >= 350_000, "the busiest day stands for about 400,000 tickets");
            }
            for (String table : List.of("rating_daily_officer", "rating_daily_procedure")) {
                try (ResultSet rs = s.executeQuery("SELECT SUM(ratings), SUM(ratings) FILTER (WHERE day LIKE '"
                        + MONTH.toString().substring(0, 7) + "%') FROM " + table)) {
                    rs.next();
                    System.out.printf("BENCH data: %s stands for %,d ratings in the year, %,d in the month%n", table,
                            rs.getLong(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type")) {
                StringBuilder line = new StringBuilder();
                while (rs.next()) {
                    line.append(' ').append(rs.getString(1)).append(' ').append(String.format("%,d", rs.getLong(2)));
                }
                assertFalse(line.isEmpty(), "raw events seeded");
                System.out.println("BENCH data: raw events of " + EVENT_SITES + " sites, " + MONTH.toString()
                        .substring(0, 7) + ":" + line);
            }
        }
    }

    /** The statements that fill each seeded table; see the class comment for what they stand for. */
    static final class Seeding {
        /** A month's officers: ratings and top-level ratings summed, a few with made-up flag counts. */
        static final String INTEGRITY_OFFICERS = """
                INSERT INTO integrity_month (month, site_id, subject, subject_id, ratings, top_level, burst,
                    never_served, rated_late, anonymous_over_served, computed_at)
                SELECT month, site_id, 'officer', officer_id, ratings, top_level,
                       CASE WHEN h % 100 = 0 THEN 6 ELSE 0 END, CASE WHEN h % 50 = 1 THEN 3 ELSE 0 END,
                       CASE WHEN h % 100 = 2 THEN 2 ELSE 0 END, 0,
                       (extract(epoch FROM now()) * 1000)::bigint
                FROM (SELECT substr(day, 1, 7) AS month, site_id, officer_id, SUM(ratings) AS ratings,
                             COALESCE(SUM(ratings) FILTER (WHERE level = 'very_satisfied'), 0) AS top_level,
                             abs(hashtext(site_id || officer_id || substr(day, 1, 7))::bigint) AS h
                      FROM rating_daily_officer GROUP BY substr(day, 1, 7), site_id, officer_id) o""";
        /** A month's kiosks, one per counter: the counter's ratings, a few with made-up flag counts. */
        static final String INTEGRITY_KIOSKS = """
                INSERT INTO integrity_month (month, site_id, subject, subject_id, ratings, top_level, burst,
                    never_served, rated_late, anonymous_over_served, computed_at)
                SELECT month, site_id, 'kiosk', 'k-' || counter, ratings, top_level,
                       CASE WHEN h % 100 = 0 THEN 6 ELSE 0 END, CASE WHEN h % 50 = 1 THEN 3 ELSE 0 END,
                       CASE WHEN h % 100 = 2 THEN 2 ELSE 0 END, CASE WHEN h % 100 = 3 THEN 4 ELSE 0 END,
                       (extract(epoch FROM now()) * 1000)::bigint
                FROM (SELECT substr(day, 1, 7) AS month, site_id, counter, SUM(ratings) AS ratings,
                             COALESCE(SUM(ratings) FILTER (WHERE level = 'very_satisfied'), 0) AS top_level,
                             abs(hashtext(site_id || counter || substr(day, 1, 7))::bigint) AS h
                      FROM rating_daily_counter GROUP BY substr(day, 1, 7), site_id, counter) k""";

        /** Working days of 2025 with their weight (Saturday half) and day of year. */
        private static final String DAYS = """
                (SELECT to_char(d, 'YYYY-MM-DD') AS day, extract(doy FROM d)::int AS doy,
                        CASE WHEN extract(isodow FROM d) = 6 THEN 0.5 ELSE 1.0 END::float8 AS weight
                 FROM generate_series(DATE '2025-01-01', DATE '2025-12-31', INTERVAL '1 day') d
                 WHERE extract(isodow FROM d) <> 7) days""";
        /** The sites, each with its size: 0.4 to 1.6 times the mean. */
        private static final String SITES = """
                (SELECT si, 'hp-' || lpad(si::text, 4, '0') AS site_id,
                        0.4 + ((si * 7919) % 1000) / 833.0::float8 AS size
                 FROM generate_series(1, 1200) si) sites""";
        /** Tickets served at one counter for one of its two services on a day: 333 a site-day shared by 16. */
        private static final String SERVED =
                "round(333 * size * weight / 16 * (0.8 + ((si + co + sv + doy) % 5) / 10.0::float8))";
        /** The share of ratings at each level, with a phase so minor levels appear on some days only. */
        private static final String LEVELS = """
                (VALUES ('very_satisfied', 0.70::float8), ('satisfied', 0.20), ('neutral', 0.06),
                        ('dissatisfied', 0.03), ('very_dissatisfied', 0.01)) levels(level, share)""";

        static List<String> of(String table) {
            return switch (table) {
                case "served_daily" -> List.of("""
                        INSERT INTO served_daily (day, site_id, counter, officer_id, service, served)
                        SELECT day, site_id, 'c' || lpad(co::text, 2, '0'),
                               site_id || '-cb' || lpad((1 + (co + doy) %% 10)::text, 2, '0'),
                               chr(64 + 1 + (co + sv) %% 4), %s
                        FROM %s, %s, generate_series(1, 8) co, generate_series(0, 1) sv
                        """.formatted(SERVED, DAYS, SITES));
                case "rating_daily_officer", "rating_daily_counter" -> {
                    String column = table.endsWith("officer") ? "officer_id" : "counter";
                    String value = table.endsWith("officer")
                            ? "site_id || '-cb' || lpad((1 + (co + doy) % 10)::text, 2, '0')"
                            : "'c' || lpad(co::text, 2, '0')";
                    // 60 % of what the counter served that day, both services
                    yield List.of("""
                            INSERT INTO %s (day, site_id, %s, level, ratings)
                            SELECT day, site_id, %s, level, n FROM (
                                SELECT day, site_id, co, doy, level,
                                       floor(0.6 * 333 * size * weight / 8 * share
                                             + ((si * 31 + co * 17 + doy) %% 10) / 10.0::float8) AS n
                                FROM %s, %s, generate_series(1, 8) co, %s) r
                            WHERE n > 0
                            """.formatted(table, column, value, DAYS, SITES, LEVELS));
                }
                case "rating_daily_procedure" -> List.of("""
                        INSERT INTO rating_daily_procedure (day, site_id, procedure_code, level, ratings)
                        SELECT day, site_id, 'tthc-' || lpad((1 + (pj + doy) %% 30)::text, 2, '0'), level, n FROM (
                            SELECT day, site_id, pj, doy, level,
                                   floor(0.6 * 333 * size * weight / 12 * share
                                         + ((si * 13 + pj * 7 + doy) %% 10) / 10.0::float8) AS n
                            FROM %s, %s, generate_series(0, 11) pj, %s) r
                        WHERE n > 0
                        """.formatted(DAYS, SITES, LEVELS));
                case "site_configs" -> List.of("""
                        INSERT INTO site_configs (site_id, version, body, published_by, published_at)
                        SELECT site_id, v, '{"siteId":"' || site_id || '","siteName":"Phường ' || si
                                   || '","services":[{"prefix":"A","targetMinutes":15},'
                                   || '{"prefix":"B","targetMinutes":20},{"prefix":"C","targetMinutes":15},'
                                   || '{"prefix":"D","targetMinutes":30}]}', 'admin', 1735689600000 + v * 86400000
                        FROM %s, generate_series(1, 12) v
                        """.formatted(SITES));
                case "events" -> events();
                case "queue_daily", "calls_by_wait_minute", "officer_visits", "counter_sign_ins" -> queue(table);
                case "satisfaction_officer", "satisfaction_counter", "satisfaction_procedure" -> satisfaction(table);
                default -> throw new IllegalArgumentException(table);
            };
        }

        /** The months first, from the daily tables; then the quarters and years from the months. */
        private static List<String> satisfaction(String table) {
            String dimension = table.substring("satisfaction_".length());
            String column = switch (dimension) {
                case "officer" -> "officer_id";
                case "procedure" -> "procedure_code";
                default -> dimension;
            };
            boolean served = !dimension.equals("procedure");
            List<String> levels = Arrays.stream(RatingLevel.values()).map(RatingLevel::wireName).toList();
            String counted = (served ? "served, " : "") + String.join(", ", levels);
            String summed = (served ? "SUM(served), " : "")
                    + levels.stream().map(l -> "SUM(" + l + ")").collect(Collectors.joining(", "));
            String ratings = "SELECT substr(day, 1, 7) AS month, site_id, " + column + " AS k, "
                    + (served ? "0 AS served, " : "") + levels.stream()
                    .map(l -> "CASE WHEN level = '" + l + "' THEN ratings ELSE 0 END AS " + l)
                    .collect(Collectors.joining(", ")) + " FROM rating_daily_" + dimension;
            String months = !served ? ratings : "SELECT substr(day, 1, 7), site_id, " + column + ", served, "
                    + levels.stream().map(l -> "0").collect(Collectors.joining(", ")) + " FROM served_daily UNION ALL "
                    + ratings;
            String insert = "INSERT INTO " + table + " (period, site_id, " + column + ", " + counted + ") ";
            String fromMonths = ", site_id, " + column + ", " + summed + " FROM " + table
                    + " WHERE period ~ '^\\d{4}-\\d{2}$' GROUP BY 1, 2, 3";
            return List.of(
                    insert + "SELECT month, site_id, k, " + summed + " FROM (" + months + ") m (month, site_id, k, "
                            + counted + ") GROUP BY 1, 2, 3",
                    insert + "SELECT substr(period, 1, 4) || '-Q' || ((substr(period, 6, 2)::int + 2) / 3)"
                            + fromMonths,
                    insert + "SELECT substr(period, 1, 4)" + fromMonths);
        }

        /**
         * The queue rollup's tables where the service-level report and the officer's day read them: per counter,
         * service and day its tickets ({@link #SERVED}), 1 in 20 a no-show; each ticket's wait 5 to 35 minutes and
         * its service 2 to 17, spread by the ticket's number; the counter's officer that day signed in before the first
         * call and out after the last. {@code queue_daily} covers the year, the wait minutes the quarter (the longest
         * the service-level page lists), the visits and sign-ins the month.
         */
        private static List<String> queue(String table) {
            String tickets = """
                    (SELECT day, doy, site_id, co, sv, t, n,
                            'c' || lpad(co::text, 2, '0') AS counter,
                            chr(64 + 1 + (co + sv) %% 4) AS service,
                            site_id || '-cb' || lpad((1 + (co + doy) %% 10)::text, 2, '0') AS officer,
                            300 + (t * 37 + co * 11 + doy) %% 1800 AS wait,
                            120 + (t * 53 + sv * 7) %% 900 AS service_seconds,
                            extract(epoch FROM (day || 'T07:30:00+07:00')::timestamptz)::bigint * 1000
                                + (2 * t + sv) * (8 * 3600000 / (2 * n + 2)) AS called_at
                     FROM (SELECT day, doy, site_id, si, co, sv, %s::int AS n
                           FROM %s, %s, generate_series(1, 8) co, generate_series(0, 1) sv %s) c,
                          LATERAL generate_series(1, n) t) tickets""";
            String inQuarter = "WHERE day >= '2025-10-01'";
            String inMonth = "WHERE day LIKE '" + MONTH.toString().substring(0, 7) + "%'";
            return switch (table) {
                case "queue_daily" -> List.of("""
                        INSERT INTO queue_daily (day, site_id, service, counter, issued, served, no_shows,
                                                 service_seconds, called, waited, wait_seconds)
                        SELECT day, site_id, chr(64 + 1 + (co + sv) %% 4), 'c' || lpad(co::text, 2, '0'), n, n - n / 20,
                               n / 20, (n - n / 20) * 480, n, n, n * 1200
                        FROM (SELECT day, site_id, co, sv, %s::bigint AS n
                              FROM %s, %s, generate_series(1, 8) co, generate_series(0, 1) sv) c
                        """.formatted(SERVED, DAYS, SITES));
                case "calls_by_wait_minute" -> List.of("""
                        INSERT INTO calls_by_wait_minute (day, site_id, service, counter, minute, called)
                        SELECT day, site_id, service, counter, wait / 60, COUNT(*) FROM %s
                        GROUP BY day, site_id, service, counter, wait / 60
                        """.formatted(tickets.formatted(SERVED, DAYS, SITES, inQuarter)));
                case "officer_visits" -> List.of("""
                        INSERT INTO officer_visits (site_id, kiosk_id, ticket_id, visit, day, counter, officer_id,
                            outcome, recalls, called_at, called_boot_id, called_uptime_ms, wait_seconds, finished_at,
                            finished_boot_id, finished_uptime_ms, service_seconds)
                        SELECT site_id, 'k-c' || lpad(co::text, 2, '0'), site_id || '-' || day || '-' || co || service
                                   || t, 1, day, counter, officer,
                               CASE WHEN t %% 20 = 0 THEN 'no_show' ELSE 'served' END, CASE WHEN t %% 7 = 0 THEN 1
                               ELSE 0 END, called_at, 'boot-1', 0, wait, called_at + service_seconds * 1000, 'boot-1',
                               0, service_seconds
                        FROM %s
                        """.formatted(tickets.formatted(SERVED, DAYS, SITES, inMonth)));
                case "counter_sign_ins" -> List.of("""
                        INSERT INTO counter_sign_ins (site_id, kiosk_id, event_id, seq, day, at, counter, officer_id,
                                                      signed_in, reason)
                        SELECT site_id, 'k-c' || lpad(co::text, 2, '0'), gen_random_uuid()::text, doy * 2 + s, day,
                               extract(epoch FROM (day || CASE WHEN s = 1 THEN 'T07:25:00+07:00'
                                   ELSE 'T16:35:00+07:00' END)::timestamptz)::bigint * 1000,
                               'c' || lpad(co::text, 2, '0'),
                               site_id || '-cb' || lpad((1 + (co + doy) %% 10)::text, 2, '0'), s,
                               CASE WHEN s = 0 THEN 'officer' END
                        FROM %s, %s, generate_series(1, 8) co, generate_series(0, 1) s %s
                        """.formatted(DAYS, SITES, inMonth));
                default -> throw new IllegalArgumentException(table);
            };
        }

        /**
         * One district's month as raw events: every ticket of the first {@value #EVENT_SITES} sites in November,
         * issued, called and served at one of the site's 8 counters; 60 % rated within minutes, a tenth of those
         * without a ticket (the anonymous button). Each ticket's events come from its counter's device.
         */
        private static List<String> events() {
            String tickets = """
                    CREATE TEMPORARY TABLE bench_tickets AS
                    SELECT site_id, day, doy, t, co, 1 + (co + doy) %% 10 AS officer, sv,
                           (day || 'T07:30:00+07:00')::timestamptz + t * (interval '8 hours' / n) AS issued_at,
                           site_id || '-' || day || '-' || t AS ticket_id
                    FROM (SELECT site_id, si, day, doy, round(333 * size * weight)::int AS n
                          FROM %s, %s WHERE si <= %d AND day LIKE '2025-11-%%') sd,
                         LATERAL generate_series(1, n) t,
                         LATERAL (SELECT 1 + t %% 8 AS co, t %% 4 AS sv) a
                    """.formatted(DAYS, SITES, EVENT_SITES);
            String at = "to_char((%s) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"')";
            String insert = """
                    INSERT INTO events (kiosk_id, seq, event_id, site_id, type, at, clock_synced, boot_id, uptime_ms,
                                        data, received_at)
                    SELECT 'k-c' || lpad(co::text, 2, '0'), (doy * 10000 + t) * 4 + %d, gen_random_uuid(), site_id,
                           '%s', %s, TRUE, 'boot-1',
                           0, %s, %s
                    FROM bench_tickets %s
                    """;
            String officer = "site_id || '-cb' || lpad(officer::text, 2, '0')";
            String counter = "'c' || lpad(co::text, 2, '0')";
            String calledAt = "issued_at + interval '12 minutes'";
            String servedAt = "issued_at + interval '20 minutes'";
            String ratedAt = "issued_at + interval '21 minutes'";
            return List.of(tickets,
                    insert.formatted(0, "ticket.issued", at.formatted("issued_at"),
                            "jsonb_build_object('ticketId', ticket_id, 'service', chr(65 + sv), 'number', t, "
                                    + "'display', chr(65 + sv) || lpad(t::text, 3, '0'), 'priority', null)",
                            "issued_at", ""),
                    insert.formatted(1, "ticket.called", at.formatted(calledAt),
                            "jsonb_build_object('ticketId', ticket_id, 'counter', " + counter + ", 'officerId', "
                                    + officer + ")", calledAt, ""),
                    insert.formatted(2, "ticket.served", at.formatted(servedAt),
                            "jsonb_build_object('ticketId', ticket_id, 'counter', " + counter + ", 'officerId', "
                                    + officer + ", 'serviceSeconds', 480)", servedAt, ""),
                    insert.formatted(3, "rating.submitted", at.formatted(ratedAt),
                            "jsonb_build_object('ratingId', gen_random_uuid()::text, 'ticketId', "
                                    + "CASE WHEN t % 10 = 0 THEN NULL ELSE ticket_id END, 'counter', " + counter
                                    + ", 'officerId', " + officer + ", 'procedureCode', null, 'level', "
                                    + "CASE WHEN t % 20 = 1 THEN 'satisfied' ELSE 'very_satisfied' END, 'scale', 5, "
                                    + "'reasons', '[]'::jsonb, 'comment', null)", ratedAt,
                            "WHERE t % 5 IN (0, 1, 2)"),
                    "DROP TABLE bench_tickets");
        }
    }
}
