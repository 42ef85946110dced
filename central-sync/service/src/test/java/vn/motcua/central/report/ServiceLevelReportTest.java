package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.report.satisfaction.SatisfactionPeriod;
import vn.motcua.central.report.servicelevel.ServiceLevelLine;
import vn.motcua.central.report.servicelevel.ServiceLevelReport;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.web.Views;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.protocol.message.SiteConfig;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service-level report against figures worked out by hand from a few tickets (a recall, a no-show, a transfer,
 * a call whose issue was never seen, a service without a target), on SQLite and PostgreSQL; its workbook read back
 * equals the page.
 */
class ServiceLevelReportTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 3);
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_sla");
    private Database database;

    /**
     * Site s1 (targets: A 10 minutes, B 5, C none), kiosk k1, 2026-11-03, minutes after 08:00:
     * <pre>
     * t1 A issued 0, called c1 4 (waited 4), recalled c1 20, served c1 25
     * t2 A issued 1, called c2 13 (waited 12: over), no-show c2 15
     * t3 A issued 2, called c1 12 (waited exactly 10: not over), served c1 14 and transferred, called c2 30 (the
     *    ticket's second call: no new wait), served c2 35
     * t4 B issued 3, called c2 9 (waited 6: over), served c2 12
     * t5 B issued 5, called c1 10 (waited exactly 5: not over), served c1 16
     * t6 C issued 6, called c1 40 (waited 34, no target), served c1 45
     * t7 never issued here, called c2 50 (service unknown, wait unknown)
     * 2026-11-04: t8 A issued 0, called c1 11 (waited 11: over), served c1 15
 * 2026-12-01: t9 B issued 0, called c1 7 (waited 7: over), served c1 10
     * </pre>
     * Site s2 (no targets), kiosk k2, 2026-11-03: u1 A issued 0, called c1 30, served c1 35.
     */
    private static void seed(EventStore store, Database sql) {
        KioskDay k1 = new KioskDay("2026-11-03");
        k1.at(0, new TicketIssued("t1", "A", 1, "A001", null));
        k1.at(1, new TicketIssued("t2", "A", 2, "A002", null));
        k1.at(2, new TicketIssued("t3", "A", 3, "A003", null));
        k1.at(3, new TicketIssued("t4", "B", 1, "B001", null));
        k1.at(4, new TicketCalled("t1", "c1", "o1"));
        k1.at(5, new TicketIssued("t5", "B", 2, "B002", null));
        k1.at(6, new TicketIssued("t6", "C", 1, "C001", null));
        k1.at(9, new TicketCalled("t4", "c2", "o2"));
        k1.at(10, new TicketCalled("t5", "c1", "o1"));
        k1.at(12, new TicketServed("t4", "c2", "o2", 180));
        k1.at(12, new TicketCalled("t3", "c1", "o1"));
        k1.at(13, new TicketCalled("t2", "c2", "o2"));
        k1.at(14, new TicketServed("t3", "c1", "o1", 120));
        k1.at(15, new TicketNoShow("t2", "c2"));
        k1.at(16, new TicketServed("t5", "c1", "o1", 360));
        k1.at(20, new TicketCalled("t1", "c1", "o1"));
        k1.at(25, new TicketServed("t1", "c1", "o1", 300));
        k1.at(30, new TicketCalled("t3", "c2", "o2"));
        k1.at(35, new TicketServed("t3", "c2", "o2", 300));
        k1.at(40, new TicketCalled("t6", "c1", "o1"));
        k1.at(45, new TicketServed("t6", "c1", "o1", 300));
        k1.at(50, new TicketCalled("t7", "c2", "o2"));
        k1.day("2026-11-04");
        k1.at(0, new TicketIssued("t8", "A", 1, "A001", null));
        k1.at(11, new TicketCalled("t8", "c1", "o1"));
        k1.at(15, new TicketServed("t8", "c1", "o1", 240));
        k1.day("2026-12-01");
        k1.at(0, new TicketIssued("t9", "B", 1, "B001", null));
        k1.at(7, new TicketCalled("t9", "c1", "o1"));
        k1.at(10, new TicketServed("t9", "c1", "o1", 180));
        KioskDay k2 = new KioskDay("2026-11-03");
        k2.at(0, new TicketIssued("u1", "A", 1, "A001", null));
        k2.at(30, new TicketCalled("u1", "c1", "o3"));
        k2.at(35, new TicketServed("u1", "c1", "o3", 300));
        store.storeBatch("s1", EventBatch.of("k1", k1.list.subList(0, 12)));
        store.storeBatch("s2", EventBatch.of("k2", k2.list));
        Rollups.catchUp(sql, 4);
        store.storeBatch("s1", EventBatch.of("k1", k1.list.subList(12, k1.list.size())));
        Rollups.catchUp(sql, 4);
        Rollups.publish(sql, "s1", new SiteConfig(3, "UBND phường Bến Nghé", List.of(
                new SiteConfig.Service("A", "Văn bằng", null, 10, null, null),
                new SiteConfig.Service("B", "Tuyển sinh", null, 5, 8, 20),
                new SiteConfig.Service("C", "Khác", null)), List.of(), List.of(), List.of(), 5, List.of(), "sig"));
        Rollups.publish(sql, "s2", new SiteConfig(1, "UBND xã An Phú", List.of(new SiteConfig.Service("A", "Văn bằng", null)),
                List.of(), List.of(), List.of(), 5, List.of(), "sig"));
    }

    private static ServiceLevelLine line(String site, String day, String service, String counter, Integer target,
                                         long called, long served, long noShows, long waited, Long over) {
        return new ServiceLevelLine(site, day, service, counter, target, called, served, noShows, waited, over);
    }

    private Database seeded(String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        seed(JdbcEventStore.on(sql, Clock.systemUTC()), sql);
        return sql;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheSeededTickets_whenReported_thenEveryFigureIsTheHandWorkedOne(String dialect) throws Exception {
        Database sql = seeded(dialect);
        ServiceLevelReport.Report all = new ServiceLevelReport(sql).report(DAY, DAY.plusDays(1), "");
        assertEquals(List.of(
                line("s1", "2026-11-03", "", "c2", null, 1, 0, 0, 0, null),
                line("s1", "2026-11-03", "A", "c1", 10, 2, 2, 0, 2, 0L),
                line("s1", "2026-11-03", "A", "c2", 10, 1, 1, 1, 1, 1L),
                line("s1", "2026-11-03", "B", "c1", 5, 1, 1, 0, 1, 0L),
                line("s1", "2026-11-03", "B", "c2", 5, 1, 1, 0, 1, 1L),
                line("s1", "2026-11-03", "C", "c1", null, 1, 1, 0, 1, null),
                line("s1", "2026-11-04", "A", "c1", 10, 1, 1, 0, 1, 1L),
                line("s2", "2026-11-03", "A", "c1", null, 1, 1, 0, 1, null)), all.lines());
        // the total: every call, service and no-show; the waits and those over target of the lines with a target
        assertEquals(line(null, null, null, null, null, 9, 8, 1, 6, 3L), all.total());
        assertEquals(0.5, all.total().overShare(), 1e-12);
        assertEquals(1.0, all.lines().get(2).overShare(), 1e-12);
        assertNull(all.lines().get(5).overShare(), "no target, no share");

        ServiceLevelReport.Report oneDay = new ServiceLevelReport(sql).report(DAY, DAY, "s1");
        assertEquals(all.lines().subList(0, 6), oneDay.lines());
        assertEquals(line(null, null, null, null, null, 7, 6, 1, 5, 2L), oneDay.total());
        assertEquals(List.of(), new ServiceLevelReport(sql).report(DAY.minusDays(3), DAY.minusDays(1), "").lines());
    }

    @Test
    void givenTheSeededTickets_whenExportedAsAWorkbook_thenItReadsBackAsThePage() throws Exception {
        Database sql = seeded("sqlite");
        ServiceLevelController controller = new ServiceLevelController(new ServiceLevelReport(sql), new Views(),
                Clock.systemUTC());
        MutableHttpRequest<?> request = HttpRequest.GET("/reports/service-level?from=2026-11-03&to=2026-11-04&site=s1");
        request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
        String html = controller.page(request).body();
        ServiceLevelReport.Report r = controller.report(request);
        assertTrue(html.contains("<span id=\"sla-share\">50.0 %</span>"), html);
        List<List<String>> page = pageRows(html, "sla-lines");
        assertEquals(r.lines().size(), page.size(), "a row per line");

        byte[] xlsx = ServiceLevelController.workbook(r, Lang.VI);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals("Thời gian chờ", sheet.getSheetName());
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(ReportColumns.SERVICE_LEVEL.stream().map(c -> Lang.VI.t(c.label())).toList(), header);
            assertEquals(r.lines().size(), sheet.getLastRowNum(), "a row per line under the header");
            // each sheet row, written the page's way, is the page's row
            for (int i = 0; i < r.lines().size(); i++) {
                assertEquals(page.get(i), asOnPage(sheet.getRow(i + 1), ReportColumns.SERVICE_LEVEL), "row " + (i + 1));
            }
        }
        screenshot(html, "service-level");
    }

    private static ServiceLevelLine siteLine(String site, String service, Integer target, long called, long served,
                                             long noShows, long waited, Long over) {
        return new ServiceLevelLine(site, null, service, null, target, called, served, noShows, waited, over);
    }

    private static SatisfactionPeriod period(String kind, String value) {
        return SatisfactionPeriod.of(kind, value, DAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheSeededTickets_whenAllSitesAreReportedForAPeriod_thenALinePerSiteAndServiceHandWorked(String dialect)
            throws Exception {
        Database sql = seeded(dialect);
        ServiceLevelReport reports = new ServiceLevelReport(sql);
        ServiceLevelReport.SitesReport month = reports.sites(period("month", "2026-11"));
        assertEquals(List.of(
                siteLine("s1", "", null, 1, 0, 0, 0, null),
                siteLine("s1", "A", 10, 4, 4, 1, 4, 2L),
                siteLine("s1", "B", 5, 2, 2, 0, 2, 1L),
                siteLine("s1", "C", null, 1, 1, 0, 1, null),
                siteLine("s2", "A", null, 1, 1, 0, 1, null)), month.lines());
        assertEquals(line(null, null, null, null, null, 9, 8, 1, 6, 3L), month.total());
        // December's ticket counts in the quarter and the year, not in November
        for (SatisfactionPeriod p : List.of(period("quarter", "2026-Q4"), period("year", "2026"))) {
            ServiceLevelReport.SitesReport r = reports.sites(p);
            assertEquals(siteLine("s1", "B", 5, 3, 3, 0, 3, 2L), r.lines().get(2), p.value());
            assertEquals(line(null, null, null, null, null, 10, 9, 1, 7, 4L), r.total(), p.value());
        }
        assertEquals(List.of(), reports.sites(period("month", "2026-10")).lines());
        assertEquals(List.of(), reports.sites(period("year", "2027")).lines());
    }

    /** The one-site report's lines of each site summed per service: what the all-sites line should be. */
    private static List<ServiceLevelLine> summedPerSiteAndService(ServiceLevelReport reports, SatisfactionPeriod p,
                                                                  List<String> sites) {
        List<ServiceLevelLine> out = new ArrayList<>();
        for (String site : sites) {
            java.util.TreeMap<String, ServiceLevelLine> perService = new java.util.TreeMap<>();
            for (ServiceLevelLine l : reports.report(p.from(), p.to(), site).lines()) {
                perService.merge(l.service(), siteLine(site, l.service(), l.targetMinutes(), l.called(), l.served(),
                        l.noShows(), l.waited(), l.overTarget()), (a, b) -> siteLine(site, a.service(),
                        a.targetMinutes(), a.called() + b.called(), a.served() + b.served(),
                        a.noShows() + b.noShows(), a.waited() + b.waited(),
                        a.overTarget() == null ? null : a.overTarget() + b.overTarget()));
            }
            out.addAll(perService.values());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheSeededTickets_whenAllSitesAreReported_thenEachSitesLineIsItsOwnReportSummedOverThePeriod(
            String dialect) throws Exception {
        Database sql = seeded(dialect);
        ServiceLevelReport reports = new ServiceLevelReport(sql);
        for (SatisfactionPeriod p : List.of(period("month", "2026-11"), period("month", "2026-12"),
                period("quarter", "2026-Q4"), period("year", "2026"))) {
            List<ServiceLevelLine> all = reports.sites(p).lines();
            assertTrue(!all.isEmpty(), p.value());
            assertEquals(summedPerSiteAndService(reports, p, List.of("s1", "s2")), all, p.value());
        }
        // a target changed later applies to the whole period, in both reports alike
        Rollups.publish(sql, "s1", new SiteConfig(4, "UBND phường Bến Nghé", List.of(
                new SiteConfig.Service("A", "Văn bằng", null, 3, null, null),
                new SiteConfig.Service("C", "Khác", null, 30, null, null)), List.of(), List.of(), List.of(), 5,
                List.of(), "sig"));
        SatisfactionPeriod year = period("year", "2026");
        List<ServiceLevelLine> after = reports.sites(year).lines();
        assertEquals(siteLine("s1", "A", 3, 4, 4, 1, 4, 4L), after.get(1));
        assertEquals(siteLine("s1", "C", 30, 1, 1, 0, 1, 1L), after.get(3));
        assertEquals(summedPerSiteAndService(reports, year, List.of("s1", "s2")), after);
    }

    /** What the period tables should hold, summed here from the daily tables: "period | site | service" to counts. */
    private static java.util.Map<String, List<Long>> fromDaily(Database sql, String query) {
        java.util.Map<String, long[]> sums = new java.util.TreeMap<>();
        sql.query("daily", c -> {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String day = rs.getString(1);
                    int month = Integer.parseInt(day.substring(5, 7));
                    for (String p : List.of(day.substring(0, 7), day.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1),
                            day.substring(0, 4))) {
                        long[] v = sums.computeIfAbsent(p + " | " + rs.getString(2) + " | " + rs.getString(3),
                                k -> new long[n - 3]);
                        for (int i = 4; i <= n; i++) {
                            v[i - 4] += rs.getLong(i);
                        }
                    }
                }
            }
            return null;
        });
        java.util.Map<String, List<Long>> out = new java.util.TreeMap<>();
        sums.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return out;
    }

    private static java.util.Map<String, List<Long>> held(Database sql, String query) {
        return sql.query("held", c -> {
            java.util.Map<String, List<Long>> out = new java.util.TreeMap<>();
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Long> v = new ArrayList<>();
                    for (int i = 4; i <= n; i++) {
                        v.add(rs.getLong(i));
                    }
                    out.put(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3), v);
                }
            }
            return out;
        });
    }

    private static final String DAILY_LINES = "SELECT day, site_id, service, called, served, no_shows, waited "
            + "FROM queue_daily WHERE counter <> ''";
    private static final String PERIOD_LINES = "SELECT period, site_id, service, called, served, no_shows, waited "
            + "FROM service_level_period";
    private static final String DAILY_MINUTES = "SELECT day, site_id, service || ' @' || CAST(minute AS TEXT), called "
            + "FROM calls_by_wait_minute WHERE counter <> ''";
    private static final String PERIOD_MINUTES = "SELECT period, site_id, service || ' @' || CAST(minute AS TEXT), "
            + "called FROM calls_by_wait_period";

    private static void assertEachPeriodIsTheSumOfItsDays(Database sql) {
        java.util.Map<String, List<Long>> lines = held(sql, PERIOD_LINES);
        assertEquals(fromDaily(sql, DAILY_LINES), lines);
        assertEquals(fromDaily(sql, DAILY_MINUTES), held(sql, PERIOD_MINUTES));
        for (String p : List.of("2026-11 ", "2026-12 ", "2026-Q4 ", "2026 ")) {
            assertTrue(lines.keySet().stream().anyMatch(k -> k.startsWith(p)), p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheSeededTickets_whenRolledUp_thenEachPeriodRowIsTheSumOfItsDays(String dialect) throws Exception {
        assertEachPeriodIsTheSumOfItsDays(seeded(dialect));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheDailyRowsOfBefore_whenTheMigrationsBackFillRuns_thenEachPeriodRowIsTheSumOfItsDays(String dialect)
            throws Exception {
        Database sql = seeded(dialect);
        String script;
        try (java.io.InputStream in = getClass().getResourceAsStream("/db/common/V28__service_level_periods.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));
        }
        sql.write("back-fill", c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM service_level_period");
                s.executeUpdate("DELETE FROM calls_by_wait_period");
                for (String statement : script.split(";")) {
                    if (statement.strip().startsWith("INSERT")) {
                        s.executeUpdate(statement.strip());
                    }
                }
            }
            return null;
        });
        assertEachPeriodIsTheSumOfItsDays(sql);
        assertEquals(siteLine("s1", "B", 5, 3, 3, 0, 3, 2L),
                new ServiceLevelReport(sql).sites(period("year", "2026")).lines().get(2));
    }

    @Test
    void givenTheSeededTickets_whenAllSitesArePagedAndExported_thenEachSiteLinksToItsDaysAndTheWorkbookReadsBackAsThePage()
            throws Exception {
        Database sql = seeded("sqlite");
        ServiceLevelController controller = new ServiceLevelController(new ServiceLevelReport(sql), new Views(),
                Clock.systemUTC());
        MutableHttpRequest<?> request = HttpRequest.GET("/reports/service-level?kind=quarter&value=2026-Q4&site=");
        request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
        String html = controller.page(request).body();
        ServiceLevelReport.SitesReport r = controller.sites(request);
        assertEquals("2026-Q4", r.period().value());
        assertTrue(html.contains("<span id=\"sla-share\">57.1 %</span>"), html);
        assertTrue(html.contains("href=\"/reports/service-level?from=2026-10-01&amp;to=2026-12-31&amp;site=s2\""),
                "a site opens its own report of the quarter's days");
        assertTrue(html.contains("href=\"/reports/service-level.csv?kind=quarter&amp;value=2026-Q4&amp;site=\""),
                html);
        List<List<String>> page = pageRows(html, "sla-sites");
        assertEquals(r.lines().size() + 1, page.size(), "a row per line and the total");
        assertEquals(List.of("Tổng", "—", "—", "10", "9", "1", "7", "4", "57.1 %"), page.get(page.size() - 1));

        byte[] xlsx = ServiceLevelController.workbook(r, Lang.VI);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(ReportColumns.SERVICE_LEVEL_SITES.stream().map(c -> Lang.VI.t(c.label())).toList(), header);
            assertEquals(page.size(), sheet.getLastRowNum(), "a row per page row under the header");
            for (int i = 0; i < page.size(); i++) {
                assertEquals(page.get(i), asOnPage(sheet.getRow(i + 1), ReportColumns.SERVICE_LEVEL_SITES),
                        "row " + (i + 1));
            }
        }
        String csv = new String(controller.csv(request).body(), StandardCharsets.UTF_8);
        List<String> csvLines = csv.lines().toList();
        assertEquals("site,service,target_minutes,called,served,no_shows,waited,over_target,over_target_share",
                csvLines.get(0).replace("\uFEFF", ""));
        assertEquals(r.lines().size() + 2, csvLines.size(), "header, lines, total");
        assertTrue(csvLines.get(csvLines.size() - 1).endsWith(",10,9,1,7,4,0.5714"), csv);
        screenshot(html, "service-level-sites");
    }

    @Test
    void givenTheSeededTickets_whenASiteIsOpenedOverAYear_thenItsDaysAreListed() throws Exception {
        Database sql = seeded("sqlite");
        ServiceLevelController controller = new ServiceLevelController(new ServiceLevelReport(sql), new Views(),
                Clock.systemUTC());
        MutableHttpRequest<?> request = HttpRequest.GET("/reports/service-level?from=2026-01-01&to=2026-12-31&site=s1");
        request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
        assertEquals(8, controller.report(request).lines().size());
        assertTrue(controller.page(request).body().contains("id=\"sla-lines\""));
    }

    @Test
    void givenADayThatIsNoDateOrARangeBackwardsOrTooLong_whenAsked_thenRefusedNamingTheParameter() throws Exception {
        Database sql = seeded("sqlite");
        ServiceLevelController controller = new ServiceLevelController(new ServiceLevelReport(sql), new Views(),
                Clock.systemUTC());
        for (String[] bad : new String[][]{{"from=2026-13-01", "from"}, {"to=yesterday", "to"},
                {"from=2026-11-05&to=2026-11-04", "from"}, {"site=s1&from=2025-11-01&to=2026-11-04", "from"},
                {"site=" + "s".repeat(65), "site"}}) {
            MutableHttpRequest<?> request = HttpRequest.GET("/reports/service-level?" + bad[0]);
            request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
            BadParameterException e = assertThrows(BadParameterException.class, () -> controller.report(request));
            assertEquals(bad[1], e.parameter(), bad[0]);
        }
    }

    /** The cells of the page's table, one list per row. */
    private static List<List<String>> pageRows(String html, String id) {
        String table = html.substring(html.indexOf("id=\"" + id + "\""));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<List<String>> rows = new ArrayList<>();
        for (String tr : table.split("<tr")) {
            if (!tr.contains("<td")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String td : tr.split("<td")) {
                if (td.contains("</td>")) {
                    // a linked cell is read as its text
                    cells.add(td.substring(td.indexOf('>') + 1, td.indexOf("</td>")).replaceAll("<[^>]*>", ""));
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A sheet row's cells as the page writes them: counts as numbers, shares as "50.0 %", no cell as a dash. */
    private static List<String> asOnPage(Row row, List<ReportColumn<ServiceLevelLine>> columns) {
        DataFormatter f = new DataFormatter();
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Cell c = row.getCell(i);
            ReportColumn.Format format = columns.get(i).format();
            if (c == null) {
                cells.add(format == ReportColumn.Format.TEXT ? "" : "—");
            } else if (format == ReportColumn.Format.SHARE) {
                cells.add(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * c.getNumericCellValue()));
            } else if (format == ReportColumn.Format.COUNT) {
                cells.add(String.valueOf((long) c.getNumericCellValue()));
            } else {
                String text = f.formatCellValue(c);
                cells.add(format == ReportColumn.Format.TEXT_OR_DASH && text.isEmpty() ? "—" : text);
            }
        }
        return cells;
    }

    /** The page as a browser shows it, for a person to look at: target/screenshots/{name}.png */
    private static void screenshot(String html, String name) throws Exception {
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Path css = Path.of("src", "main", "resources", "public", "app.css").toAbsolutePath();
        Files.writeString(shots.resolve(name + ".html"), html.replace("/static/app.css",
                css.toUri().toString()), StandardCharsets.UTF_8);
        Path png = shots.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1000",
                "--screenshot=" + png, shots.resolve(name + ".html").toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(shots.resolve("chromium-" + name + ".log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page");
    }
}
