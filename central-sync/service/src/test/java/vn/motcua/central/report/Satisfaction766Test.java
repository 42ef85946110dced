package vn.motcua.central.report;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.report.satisfaction.SatisfactionLine;
import vn.motcua.central.report.satisfaction.SatisfactionPeriod;
import vn.motcua.central.report.satisfaction.SatisfactionReport;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.Database;
import vn.motcua.central.web.Lang;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.protocol.message.SiteConfig;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.web.Views;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 766 report against figures worked out by hand from a small month of two sites, on SQLite and PostgreSQL, and
 * its workbook read back.
 */
class Satisfaction766Test {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_s766");
    private EventStore store;
    private Database database;

    /** One kiosk's events, each at its own wall time; uptime follows the wall time within the boot. */
    private static final class Events {
        final List<KioskEvent> list = new ArrayList<>();
        private final String day;

        Events(String day) {
            this.day = day;
        }

        Events at(int minute, EventBody body) {
            return at(OffsetDateTime.parse(day + "T08:00:00+07:00").plusMinutes(minute), body);
        }

        Events at(OffsetDateTime at, EventBody body) {
            list.add(new KioskEvent(list.size() + 1, UUID.randomUUID(), EventType.of(body), at, true, "boot-1",
                    3_600_000L + list.size() * 60_000L, body));
            return this;
        }

        Events day(String next) {
            Events e = new Events(next);
            e.list.addAll(list);
            return e;
        }
    }

    private static RatingSubmitted rating(String ticket, String counter, String officer, String procedure,
                                          RatingLevel level, int scale) {
        return new RatingSubmitted(UUID.randomUUID().toString(), ticket, counter, officer, procedure, level, scale,
                List.of(), null);
    }

    /**
     * Site s5 (five levels, no satisfaction rules of its own: the defaults), kiosk k5:
     * <pre>
     * 2026-11-03 t1 A called c1, recalled, served c1 by o1          rated c1 o1 P1 very satisfied
     *            t2 A called c2, no-show                           -
     *            t3 B served c1 by o2                              rated c1 o2 P2 neutral
     *            t4 A served c2 by o3, transferred, served c1 by o1 rated c2 o3 P1 dissatisfied, c1 o1 P1 satisfied
     *            t5 B served c2 by o3                              rated c2 o3 P2 very dissatisfied
     *            t6 A served c1 by o2, the clock stepped back to 2026-10-31 (October)
     *            a rating that names nothing: satisfied; a rating stamped 2026-10-31: c1 o2 dissatisfied
     * 2026-11-17 t7 A served c2 by o3                              rated c2 o3 P1 satisfied
     *            t8 B served c1 by o1                              rated c1 o1 P2 very satisfied
     *            t9 B called c1, no-show
     * </pre>
     * November, per officer: o1 served 3 (t1 t4 t8), rated 3, satisfied 3, dissatisfied 0: ratio 3/3 = 100 % good;
     * o2 served 1, rated 1 (neutral), satisfied 0, dissatisfied 0: 100 % good; o3 served 3 (t4 t5 t7), rated 3,
     * satisfied 1, dissatisfied 2: (3 − 2)/3 = 33.3 % poor; no officer: served 0, rated 1, satisfied 1, no ratio.
     * Per counter: c1 served 4 rated 4 satisfied 3 dissatisfied 0, 100 %; c2 served 3 rated 3 satisfied 1
     * dissatisfied 2, 33.3 %; none: 0 1 1 0. Site: served 7 rated 8 satisfied 5 dissatisfied 2, ratio 5/7 = 71.4 %
     * average. Per procedure: P1 rated 4 satisfied 3 dissatisfied 1; P2 rated 3 satisfied 1 dissatisfied 1; none 1 1 0.
     * <p>
     * Site s3 (three levels; satisfied is very satisfied only; bands 90 % good, 60 % fair), kiosk k3, 2026-11-10:
     * u1 u2 served c1 by o4, rated very satisfied and satisfied; u3 u5 served c1 by o5, rated dissatisfied and very
     * satisfied; u4 no-show. o4: 2 2 1 0, 100 % good; o5: 2 2 1 1, 50 % poor; c1 and the site: 4 4 2 1, 75 % fair.
     * <p>
     * All sites: served 11 rated 12 satisfied 7 dissatisfied 3, ratio 8/11 = 72.7 %, graded by the default bands:
     * average.
     */
    private static void seed(EventStore store, Database sql) {
        Events k5 = new Events("2026-11-03");
        k5.at(0, new TicketIssued("t1", "A", 1, "A001", null));
        k5.at(1, new TicketIssued("t2", "A", 2, "A002", null));
        k5.at(2, new TicketIssued("t3", "B", 1, "B001", null));
        k5.at(3, new TicketCalled("t2", "c2", "cb-2"));
        k5.at(5, new TicketCalled("t1", "c1", "cb-1"));
        k5.at(7, new TicketCalled("t1", "c1", "cb-1"));
        k5.at(8, new TicketNoShow("t2", "c2"));
        k5.at(11, new TicketServed("t1", "c1", "o1", 240));
        k5.at(11, rating("t1", "c1", "o1", "P1", RatingLevel.VERY_SATISFIED, 5));
        k5.at(12, new TicketCalled("t3", "c1", "cb-1"));
        k5.at(14, new TicketServed("t3", "c1", "o2", 120));
        k5.at(14, rating("t3", "c1", "o2", "P2", RatingLevel.NEUTRAL, 5));
        k5.at(15, new TicketIssued("t4", "A", 3, "A003", null));
        k5.at(16, new TicketCalled("t4", "c2", "cb-2"));
        k5.at(20, new TicketServed("t4", "c2", "o3", 240));
        k5.at(20, rating("t4", "c2", "o3", "P1", RatingLevel.DISSATISFIED, 5));
        k5.at(25, new TicketCalled("t4", "c1", "cb-1"));
        k5.at(30, new TicketServed("t4", "c1", "o1", 300));
        k5.at(30, rating("t4", "c1", "o1", "P1", RatingLevel.SATISFIED, 5));
        k5.at(31, new TicketIssued("t5", "B", 2, "B002", null));
        k5.at(32, new TicketCalled("t5", "c2", "cb-2"));
        k5.at(35, new TicketServed("t5", "c2", "o3", 180));
        k5.at(35, rating("t5", "c2", "o3", "P2", RatingLevel.VERY_DISSATISFIED, 5));
        k5.at(36, rating(null, null, null, null, RatingLevel.SATISFIED, 5));
        k5.at(40, new TicketIssued("t6", "A", 4, "A004", null));
        k5.at(41, new TicketCalled("t6", "c1", "cb-1"));
        OffsetDateTime stepped = OffsetDateTime.parse("2026-10-31T20:00:00+07:00");
        k5.at(stepped, new TicketServed("t6", "c1", "o2", 60));
        k5.at(stepped, rating("t6", "c1", "o2", "P2", RatingLevel.DISSATISFIED, 5));
        k5 = k5.day("2026-11-17");
        k5.at(0, new TicketIssued("t7", "A", 1, "A001", null));
        k5.at(1, new TicketIssued("t8", "B", 1, "B001", null));
        k5.at(2, new TicketIssued("t9", "B", 2, "B002", null));
        k5.at(3, new TicketCalled("t7", "c2", "cb-2"));
        k5.at(4, new TicketCalled("t8", "c1", "cb-1"));
        k5.at(9, new TicketServed("t7", "c2", "o3", 360));
        k5.at(9, rating("t7", "c2", "o3", "P1", RatingLevel.SATISFIED, 5));
        k5.at(10, new TicketServed("t8", "c1", "o1", 360));
        k5.at(10, rating("t8", "c1", "o1", "P2", RatingLevel.VERY_SATISFIED, 5));
        k5.at(11, new TicketCalled("t9", "c1", "cb-1"));
        k5.at(15, new TicketNoShow("t9", "c1"));

        Events k3 = new Events("2026-11-10");
        for (int i = 1; i <= 5; i++) {
            k3.at(i, new TicketIssued("u" + i, "A", i, "A00" + i, null));
        }
        String[] officers = {"o4", "o4", "o5", null, "o5"};
        RatingLevel[] levels = {RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.DISSATISFIED, null,
                RatingLevel.VERY_SATISFIED};
        for (int i = 1; i <= 5; i++) {
            k3.at(10 * i, new TicketCalled("u" + i, "c1", "cb-1"));
            if (officers[i - 1] == null) {
                k3.at(10 * i + 5, new TicketNoShow("u" + i, "c1"));
            } else {
                k3.at(10 * i + 5, new TicketServed("u" + i, "c1", officers[i - 1], 300));
                k3.at(10 * i + 6, rating("u" + i, "c1", officers[i - 1], "P1", levels[i - 1], 3));
            }
        }
        // two deliveries per kiosk, rolled up in small batches in between
        store.storeBatch("s5", EventBatch.of("k5", k5.list.subList(0, 20)));
        store.storeBatch("s3", EventBatch.of("k3", k3.list));
        Rollups.catchUp(sql, 4);
        store.storeBatch("s5", EventBatch.of("k5", k5.list.subList(20, k5.list.size())));
        Rollups.catchUp(sql, 4);
        Rollups.publish(sql, "s5", new SiteConfig(1, "UBND phường Bến Nghé", List.of(), List.of(), List.of(), List.of(), 5,
                List.of(), "sig"));
        Rollups.publish(sql, "s3", new SiteConfig(2, "UBND xã An Phú", List.of(), List.of(), List.of(), List.of(), 3,
                List.of(), "sig").withSatisfaction(new SiteConfig.Satisfaction(List.of(RatingLevel.VERY_SATISFIED),
                List.of(new SiteConfig.Satisfaction.Band(90, "good"), new SiteConfig.Satisfaction.Band(60, "fair")))));
    }

    private static SatisfactionLine line(String site, String key, Long served, long rated, long satisfied,
                                         long dissatisfied, String grade) {
        return new SatisfactionLine(site, key, served, rated, satisfied, dissatisfied, grade);
    }

    private static SatisfactionReport.Report month(Database sql, String site) {
        return new SatisfactionReport(sql).report(SatisfactionPeriod.of("month", "2026-11", TODAY), site);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenASeededMonth_whenReported_thenEveryFigureIsTheHandWorkedOne(String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        seed(store, sql);

        SatisfactionReport.Report all = month(sql, "");
        assertEquals(List.of(
                line("s3", "o4", 2L, 2, 1, 0, "good"),
                line("s3", "o5", 2L, 2, 1, 1, "poor"),
                line("s5", "", 0L, 1, 1, 0, null),
                line("s5", "o1", 3L, 3, 3, 0, "good"),
                line("s5", "o2", 1L, 1, 0, 0, "good"),
                line("s5", "o3", 3L, 3, 1, 2, "poor")), all.officers(), "per officer");
        assertEquals(List.of(
                line("s3", "c1", 4L, 4, 2, 1, "fair"),
                line("s5", "", 0L, 1, 1, 0, null),
                line("s5", "c1", 4L, 4, 3, 0, "good"),
                line("s5", "c2", 3L, 3, 1, 2, "poor")), all.counters(), "per counter");
        assertEquals(List.of(
                line("s3", "P1", null, 4, 2, 1, null),
                line("s5", "", null, 1, 1, 0, null),
                line("s5", "P1", null, 4, 3, 1, null),
                line("s5", "P2", null, 3, 1, 1, null)), all.procedures(), "per procedure");
        assertEquals(line(null, null, 11L, 12, 7, 3, "average"), all.total());
        assertEquals(8.0 / 11, all.total().ratio766(), 1e-12);
        assertEquals(7.0 / 12, all.total().satisfiedShare(), 1e-12);
        assertEquals(null, all.unit());

        SatisfactionReport.Report s5 = month(sql, "s5");
        assertEquals("UBND phường Bến Nghé", s5.unit());
        assertEquals(line("s5", null, 7L, 8, 5, 2, "average"), s5.total());
        assertEquals(5.0 / 7, s5.total().ratio766(), 1e-12);
        assertEquals(1.0 / 3, s5.officers().get(3).ratio766(), 1e-12);
        SatisfactionReport.Report s3 = month(sql, "s3");
        assertEquals(line("s3", null, 4L, 4, 2, 1, "fair"), s3.total());
        assertEquals(all.officers().subList(0, 2), s3.officers());

        // the quarter takes in October's clock-stepped ticket and rating: o2 served 2, rated 2, 1 dissatisfied
        SatisfactionReport.Report quarter = new SatisfactionReport(sql)
                .report(SatisfactionPeriod.of("quarter", "2026-Q4", TODAY), "s5");
        assertEquals(line("s5", "o2", 2L, 2, 0, 1, "average"), quarter.officers().get(2));
        assertEquals(line("s5", null, 8L, 9, 5, 3, "average"), quarter.total());
        assertEquals(List.of(), new SatisfactionReport(sql)
                .report(SatisfactionPeriod.of("year", "2025", TODAY), "").officers());
    }

    @Test
    void givenTheSeededMonth_whenExportedAsAWorkbook_thenItReadsBackAsTheReportsFigures() throws Exception {
        Database sql = database = databases.open("sqlite");
        store = JdbcEventStore.on(database, Clock.systemUTC());
        seed(store, sql);
        SatisfactionReport.Report r = month(sql, "s5");
        byte[] xlsx = Satisfaction766Xlsx.write(r, Lang.VI, "bao.cao", LocalDateTime.of(2026, 12, 1, 9, 30));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(List.of("Cán bộ", "Quầy", "Thủ tục"), List.of(book.getSheetName(0), book.getSheetName(1),
                    book.getSheetName(2)));
            Sheet officers = book.getSheetAt(0);
            DataFormatter f = new DataFormatter();
            String title = f.formatCellValue(officers.getRow(0).getCell(0));
            assertTrue(title.contains("UBND phường Bến Nghé"), title);
            assertTrue(f.formatCellValue(officers.getRow(1).getCell(0)).contains("2026-11"));
            List<String> header = new ArrayList<>();
            officers.getRow(Satisfaction766Xlsx.HEADER_ROW).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(List.of("Cán bộ", "Đã phục vụ", "Lượt đánh giá", "Hài lòng", "Tỷ lệ hài lòng",
                    "Không hài lòng", "Tỷ lệ 766", "Xếp loại"), header);
            int at = Satisfaction766Xlsx.HEADER_ROW + 1;
            for (SatisfactionLine l : r.officers()) {
                assertRow(officers.getRow(at++), l, l.key());
            }
            assertRow(officers.getRow(at), r.total(), "Tổng cộng");
            assertEquals("Người lập", officers.getRow(at + 3).getCell(0).getStringCellValue());
            assertEquals("bao.cao", officers.getRow(at + 3).getCell(1).getStringCellValue());
            assertEquals(LocalDateTime.of(2026, 12, 1, 9, 30),
                    officers.getRow(at + 2).getCell(1).getLocalDateTimeCellValue());
            Sheet counters = book.getSheetAt(1);
            at = Satisfaction766Xlsx.HEADER_ROW + 1;
            for (SatisfactionLine l : r.counters()) {
                assertRow(counters.getRow(at++), l, l.key());
            }
            Sheet procedures = book.getSheetAt(2);
            assertEquals(5, procedures.getRow(Satisfaction766Xlsx.HEADER_ROW).getLastCellNum(),
                    "no served, ratio or grade per procedure");
            assertEquals("P1", procedures.getRow(Satisfaction766Xlsx.HEADER_ROW + 2).getCell(0).getStringCellValue());
            assertEquals(4.0, procedures.getRow(Satisfaction766Xlsx.HEADER_ROW + 2).getCell(1).getNumericCellValue(),
                    "P1's ratings");
        }
    }

    @Test
    void givenTheSeededMonth_whenThePageIsShownInChromium_thenItShowsTheReportsFigures() throws Exception {
        Database sql = database = databases.open("sqlite");
        store = JdbcEventStore.on(database, Clock.systemUTC());
        seed(store, sql);
        Satisfaction766Controller controller = new Satisfaction766Controller(new SatisfactionReport(sql),
                new Views(), Clock.systemUTC());
        MutableHttpRequest<?> request = HttpRequest.GET("/reports/766?kind=month&value=2026-11&site=s5");
        request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
        String html = controller.page(request).body();
        SatisfactionReport.Report r = month(sql, "s5");
        assertTrue(html.contains("<span id=\"s766-ratio\">71.4 %</span>"), html);
        assertTrue(html.contains("<span id=\"s766-served\">7</span>"), html);
        assertTrue(html.contains("<span id=\"s766-share\">62.5 %</span>"), html);
        assertTrue(html.contains("UBND phường Bến Nghé"), html);
        // every officer's line as the table shows it, from the same figures the workbook writes
        String cellsOnPage = html.replaceAll("<td[^>]*>", "<td>");
        for (SatisfactionLine l : r.officers()) {
            String cells = ReportColumns.satisfaction766("officer", false).stream()
                    .map(c -> "<td>" + c.pageText(l, Lang.VI) + "</td>").reduce("<tr>", String::concat) + "</tr>";
            assertTrue(cellsOnPage.contains(cells), cells);
        }
        // the page as a browser shows it, for a person to look at: target/screenshots/s766.png
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Path css = Path.of("src", "main", "resources", "public", "app.css").toAbsolutePath();
        Files.writeString(shots.resolve("s766.html"), html.replace("/static/app.css", css.toUri().toString()),
                StandardCharsets.UTF_8);
        Path png = shots.resolve("s766.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1400",
                "--screenshot=" + png, shots.resolve("s766.html").toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(shots.resolve("chromium.log").toFile()).start();
        assertTrue(chromium.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page");
    }

    /** A sheet row of a report line: key, served, rated, satisfied, share, dissatisfied, ratio, grade. */
    private static void assertRow(Row row, SatisfactionLine l, String key) {
        assertEquals(key.isEmpty() ? "" : key, row.getCell(0) == null ? "" : row.getCell(0).getStringCellValue());
        assertEquals((double) l.served(), row.getCell(1).getNumericCellValue());
        assertEquals((double) l.rated(), row.getCell(2).getNumericCellValue());
        assertEquals((double) l.satisfied(), row.getCell(3).getNumericCellValue());
        if (l.satisfiedShare() == null) {
            assertEquals(null, row.getCell(4));
        } else {
            assertEquals(l.satisfiedShare(), row.getCell(4).getNumericCellValue(), 1e-12);
        }
        assertEquals((double) l.dissatisfied(), row.getCell(5).getNumericCellValue());
        if (l.ratio766() == null) {
            assertEquals(null, row.getCell(6));
        } else {
            assertEquals(l.ratio766(), row.getCell(6).getNumericCellValue(), 1e-12);
        }
        assertEquals(Lang.VI.t(l.gradeKey()), row.getCell(7).getStringCellValue());
    }

    @Test
    void givenAConfigurationWithoutSatisfactionRules_whenEncoded_thenItsJsonIsAsBefore() {
        String json = new String(new ProtocolCodec().encode(new SiteConfig(1, "x", List.of(), List.of(), List.of(),
                List.of(), 5, List.of(), "sig").withPriorityAge(60)), StandardCharsets.UTF_8);
        assertFalse(json.contains("satisfaction"), json);
    }
}
