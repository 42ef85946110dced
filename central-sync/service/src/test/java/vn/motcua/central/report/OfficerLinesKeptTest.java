package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.MovingClock;
import vn.motcua.central.report.officer.KeptOfficerLines;
import vn.motcua.central.report.officer.OfficerDayReport;
import vn.motcua.central.report.officer.OfficerLine;
import vn.motcua.central.report.officer.OfficerLinesConfig;
import vn.motcua.central.report.officer.OfficerLinesDue;
import vn.motcua.central.report.officer.OfficerLinesRefresher;
import vn.motcua.central.report.officer.OfficerPeriod;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.web.Views;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketServed;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The officer's day of all sites read from the kept lines: after the rollups and a refresh it is every site's live
 * one-site report, one after the other; a new event makes only its site due and recomputed; the page says as of when
 * and how many sites wait. The seeded week is {@link OfficerDayTest}'s. On SQLite and PostgreSQL.
 */
class OfficerLinesKeptTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final List<OfficerPeriod> PERIODS = List.of(OfficerPeriod.of("day", "2026-11-03", TODAY),
            OfficerPeriod.of("day", "2026-11-05", TODAY), OfficerPeriod.of("week", "2026-W45", TODAY),
            OfficerPeriod.of("month", "2026-11", TODAY));
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_officer_lines");

    private static List<OfficerLine> live(OfficerDayReport reports, OfficerPeriod period, List<String> sites) {
        List<OfficerLine> out = new ArrayList<>();
        sites.forEach(site -> out.addAll(reports.report(period, site).officers()));
        return out;
    }

    /** Each kept period's computed_at, by "kind period site". */
    private static Map<String, Long> computedAt(Database sql) {
        return sql.query("kept", c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, period, site_id, computed_at FROM officer_lines_kept");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), rs.getLong(4));
                }
            }
            return out;
        });
    }

    private static List<String> due(Database sql) {
        return sql.query("due", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT site_id, day FROM officer_lines_due ORDER BY site_id, day");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return out;
        });
    }

    private static MutableHttpRequest<?> reporter(String path) {
        MutableHttpRequest<?> request = HttpRequest.GET(path);
        request.setAttribute(Principal.ATTRIBUTE, new Principal("truong.phong", Role.REPORTER, "csrf"));
        return request;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheSeededWeekRefreshedOnce_whenAllSitesAreRead_thenTheyAreEverySitesLiveReportInTurn(String dialect)
            throws Exception {
        Database sql = databases.open(dialect);
        OfficerDayTest.seed(sql);
        assertEquals(List.of("s3 2026-11-03", "s5 2026-11-03", "s5 2026-11-05"), due(sql), "marked by the rollups");
        OfficerDayReport reports = new OfficerDayReport(sql);
        KeptOfficerLines kept = new KeptOfficerLines(sql);
        MovingClock clock = new MovingClock(1_000_000);
        assertEquals(2, new OfficerLinesRefresher(sql, reports, OfficerLinesConfig.defaults(), clock).runOnce());
        assertEquals(List.of(), due(sql));

        for (OfficerPeriod p : PERIODS) {
            KeptOfficerLines.AllSites all = kept.report(p);
            assertEquals(live(reports, p, List.of("s3", "s5")), all.report().officers(), p.value());
            assertEquals(reports.report(p, "").officers(), all.report().officers(), p.value());
            assertTrue(!all.report().officers().isEmpty(), p.value());
            assertEquals(1_000_000L, all.asOf(), p.value());
            assertEquals(0, all.waitingSites(), p.value());
            assertNull(all.report().unit());
        }
        KeptOfficerLines.AllSites none = kept.report(OfficerPeriod.of("day", "2026-11-04", TODAY));
        assertEquals(List.of(), none.report().officers());
        assertNull(none.asOf(), "nothing kept for a day without work");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenKeptLines_whenANewEventComesForOneSite_thenOnlyThatSiteIsDueAndRecomputed(String dialect)
            throws Exception {
        Database sql = databases.open(dialect);
        OfficerDayTest.seed(sql);
        OfficerDayReport reports = new OfficerDayReport(sql);
        KeptOfficerLines kept = new KeptOfficerLines(sql);
        MovingClock clock = new MovingClock(1_000_000);
        OfficerLinesRefresher refresher = new OfficerLinesRefresher(sql, reports, OfficerLinesConfig.defaults(), clock);
        refresher.runOnce();
        Map<String, Long> first = computedAt(sql);
        assertEquals(7, first.size(), "s3: a day, its week and month; s5: two days too" + first);
        OfficerPeriod day = PERIODS.get(0);
        List<OfficerLine> before = kept.report(day).report().officers();

        // s3, 2026-11-03: o2 serves one more ticket
        KioskDay k3 = new KioskDay("2026-11-03");
        k3.at(30, new TicketIssued("u9", "A", 9, "A009", null));
        k3.at(32, new TicketCalled("u9", "c2", "o2"));
        k3.at(40, new TicketServed("u9", "c2", "o2", 480));
        JdbcEventStore.on(sql, Clock.systemUTC()).storeBatch("s3", EventBatch.of("k3-b", k3.list));
        Rollups.catchUp(sql, 4);
        assertEquals(List.of("s3 2026-11-03"), due(sql));

        KeptOfficerLines.AllSites waiting = kept.report(day);
        assertEquals(before, waiting.report().officers(), "not computed inline");
        assertEquals(1, waiting.waitingSites());
        assertEquals(0, kept.report(PERIODS.get(1)).waitingSites(), "the 5th has nothing due");
        assertEquals(1, kept.report(PERIODS.get(3)).waitingSites());
        String html = new OfficerDayController(reports, kept, new Views(), Clock.systemUTC())
                .page(reporter("/reports/officers?kind=day&value=2026-11-03")).body();
        assertTrue(html.contains("Số liệu tính lúc " + Html.time(1_000_000L) + " · 1 đơn vị đang chờ cập nhật"),
                html);
        PageShot.take(html, "officer-day-all-sites");
        String english = new OfficerDayController(reports, kept, new Views(), Clock.systemUTC())
                .page(reporter("/reports/officers?kind=day&value=2026-11-03&lang=en")).body();
        assertTrue(english.contains("Figures computed at " + Html.time(1_000_000L) + " · 1 site(s) waiting"), english);
        byte[] xlsx = new OfficerDayController(reports, kept, new Views(), Clock.systemUTC())
                .xlsx(reporter("/reports/officers.xlsx?kind=day&value=2026-11-03")).body();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            String period = book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue();
            assertTrue(period.endsWith("· Số liệu tính lúc " + Html.time(1_000_000L) + " · 1 đơn vị đang chờ cập nhật"
                    + " (số liệu của các đơn vị này có thể chậm vài phút)"), period);
        }
        String oneSite = new OfficerDayController(reports, kept, new Views(), Clock.systemUTC())
                .page(reporter("/reports/officers?kind=day&value=2026-11-03&site=s3")).body();
        assertTrue(!oneSite.contains("officer-freshness"), "one site is computed as asked");
        assertTrue(oneSite.contains("<td>o2</td>"), "and live");

        clock.set(2_000_000);
        assertEquals(1, refresher.runOnce());
        Map<String, Long> second = computedAt(sql);
        for (Map.Entry<String, Long> e : first.entrySet()) {
            boolean s3 = e.getKey().endsWith(" s3");
            assertEquals(s3 ? 2_000_000L : 1_000_000L, second.get(e.getKey()), e.getKey());
        }
        for (OfficerPeriod p : PERIODS) {
            assertEquals(live(reports, p, List.of("s3", "s5")), kept.report(p).report().officers(), p.value());
        }
        List<OfficerLine> after = kept.report(day).report().officers();
        assertNotEquals(before, after);
        assertTrue(after.stream().anyMatch(l -> l.site().equals("s3") && "o2".equals(l.officer())
                && l.served() == 1), after.toString());
        assertEquals(1_000_000L, kept.report(day).asOf(), "s5's lines are the oldest");
        assertEquals(0, kept.report(day).waitingSites());

        // a rating at s5 on the 5th: the rating rollup marks it
        KioskDay k5 = new KioskDay("2026-11-05");
        k5.at(8, OfficerDayTest.rating("t5", "c1", "o1", RatingLevel.SATISFIED, 5));
        JdbcEventStore.on(sql, Clock.systemUTC()).storeBatch("s5", EventBatch.of("k5-b", k5.list));
        Rollups.catchUp(sql, 4);
        assertEquals(List.of("s5 2026-11-05"), due(sql));
        clock.set(3_000_000);
        assertEquals(1, refresher.runOnce());
        Map<String, Long> third = computedAt(sql);
        assertEquals(3_000_000L, third.get("day 2026-11-05 s5"));
        assertEquals(3_000_000L, third.get("month 2026-11 s5"));
        assertEquals(1_000_000L, third.get("day 2026-11-03 s5"), "a day not due is not recomputed");
        assertEquals(2_000_000L, third.get("month 2026-11 s3"));
        assertEquals(1L, kept.report(PERIODS.get(1)).report().officers().get(0).rated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenADayMarkedAgainWhileItIsRecomputed_whenThePassEnds_thenItStaysDue(String dialect) throws Exception {
        Database sql = databases.open(dialect);
        OfficerDayTest.seed(sql);
        List<String> computing = new ArrayList<>();
        // a rollup commits to the day of the site the refresher is computing
        OfficerDayReport meanwhile = new OfficerDayReport(sql) {
            @Override
            public Report report(OfficerPeriod period, String site) {
                if (computing.isEmpty()) {
                    computing.add(site);
                    sql.write("mark", c -> {
                        OfficerLinesDue.mark(c, List.of(new OfficerLinesDue.SiteDay(site, "2026-11-03")), 5);
                        return null;
                    });
                }
                return super.report(period, site);
            }
        };
        OfficerLinesConfig onePerPass = new OfficerLinesConfig(OfficerLinesConfig.defaults().refreshEvery(), 1);
        OfficerLinesRefresher refresher = new OfficerLinesRefresher(sql, meanwhile, onePerPass, new MovingClock(1));
        assertEquals(1, refresher.runOnce(), "one site per pass");
        List<String> due = due(sql);
        assertTrue(due.contains(computing.get(0) + " 2026-11-03"), "marked again meanwhile: " + due);
        assertTrue(due.size() == 2 || due.size() == 3, due.toString());
        assertEquals(1, due.stream().filter(d -> d.startsWith(computing.get(0))).count(), "the rest was done");
        assertEquals(1, refresher.runOnce());
        assertEquals(1, refresher.runOnce());
        assertEquals(List.of(), due(sql));
        assertEquals(0, refresher.runOnce());
    }
}
