package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.report.officer.KeptOfficerLines;
import vn.motcua.central.report.officer.OfficerDayReport;
import vn.motcua.central.report.officer.OfficerLine;
import vn.motcua.central.report.officer.OfficerPeriod;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.web.Views;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.SignOutReason;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The officer's day against figures worked out by hand from a small seeded week of two sites, on SQLite and
 * PostgreSQL; its workbook read back; and who may open it.
 */
class OfficerDayTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_officer_day");
    private Database database;

    static RatingSubmitted rating(String ticket, String counter, String officer, RatingLevel level,
                                          int scale) {
        return new RatingSubmitted(UUID.randomUUID().toString(), ticket, counter, officer, null, level, scale,
                List.of(), null);
    }

    /**
     * Site s5 (five levels, default rules: very satisfied and satisfied count), kiosk k5, 2026-11-03, minutes past
     * 08:00:
     * <pre>
     *  0 t1 A issued   1 t2 A issued   2 t3 B issued
     *  5 t1 called c1 by o1 (waited 5:00)     6 t2 called c2 by o2 (waited 5:00)   7 t2 recalled
     *  9 t2 no-show (o2)                     10 t1 served by o1, 300 s, rated very satisfied
     * 12 t3 called c2 by o2 (waited 10:00)   16 t3 "served" by o2, 240 s ...
     * 20 t3 called c1 by o1: the 16th minute was a transfer; waited 4:00 since
     * 26 t3 served by o1, 360 s, rated satisfied
     * 27 t4 A issued   30 t4 called c2 by o2 (waited 3:00)   38 t4 served by o2, 480 s, rated dissatisfied
     * 39 a rating that names no officer: satisfied
     * </pre>
     * o1: served 2; waits 300 240: median 270, p90 240 + 0.9 × 60 = 294; services 300 360: median 330, p90 354;
     * at the counter 5 → 26 = 1260 s, idle 10 → 20 = 600 s; rated 2, satisfied 2.
     * o2: served 1, no-show 1, transfer 1, recall 1; waits 180 300 600: median 300, p90 300 + 0.8 × 300 = 540;
     * services 240 (the transferred part) 480: median 360, p90 456; at the counter 6 → 38 = 1920 s, idle
     * (12 − 9) + (30 − 16) minutes = 1020 s; rated 1, satisfied 0.
     * No officer: rated 1, satisfied 1.
     * <p>
     * 2026-11-05, same kiosk: t5 issued 0, called 2 by o1 (waited 2:00), served 7 by o1, 300 s. The week of the 3rd
     * adds to o1: served 3, waits 120 240 300 (median 240, p90 288), services 300 300 360 (median 300, p90 348), at
     * the counter 1260 + 300 = 1560 s, idle still 600 s.
     * <p>
     * Site s3 (three levels; satisfied is very satisfied only), kiosk k3, 2026-11-03: u1 u2 issued at 0 and 1;
     * u1 called c1 by o1 at 3 (waited 3:00), served 8, 300 s, rated very satisfied; u2 called at 9 (waited 8:00),
     * served 13, 240 s, rated satisfied. o1 at s3: served 2, waits 180 480 (median 330, p90 450), services 240 300
     * (median 270, p90 294), at the counter 3 → 13 = 600 s, idle 60 s, rated 2, satisfied 1.
     */
    static void seed(Database sql) {
        EventStore store = JdbcEventStore.on(sql, Clock.systemUTC());
        KioskDay k5 = new KioskDay("2026-11-03");
        k5.at(0, new TicketIssued("t1", "A", 1, "A001", null));
        k5.at(1, new TicketIssued("t2", "A", 2, "A002", null));
        k5.at(2, new TicketIssued("t3", "B", 1, "B001", null));
        k5.at(5, new TicketCalled("t1", "c1", "o1"));
        k5.at(6, new TicketCalled("t2", "c2", "o2"));
        k5.at(7, new TicketCalled("t2", "c2", "o2"));
        k5.at(9, new TicketNoShow("t2", "c2"));
        k5.at(10, new TicketServed("t1", "c1", "o1", 300));
        k5.at(10, rating("t1", "c1", "o1", RatingLevel.VERY_SATISFIED, 5));
        k5.at(12, new TicketCalled("t3", "c2", "o2"));
        k5.at(16, new TicketServed("t3", "c2", "o2", 240));
        k5.at(20, new TicketCalled("t3", "c1", "o1"));
        k5.at(26, new TicketServed("t3", "c1", "o1", 360));
        k5.at(26, rating("t3", "c1", "o1", RatingLevel.SATISFIED, 5));
        k5.at(27, new TicketIssued("t4", "A", 3, "A003", null));
        k5.at(30, new TicketCalled("t4", "c2", "o2"));
        k5.at(38, new TicketServed("t4", "c2", "o2", 480));
        k5.at(38, rating("t4", "c2", "o2", RatingLevel.DISSATISFIED, 5));
        k5.at(39, rating(null, null, null, RatingLevel.SATISFIED, 5));
        k5.day("2026-11-05");
        k5.at(0, new TicketIssued("t5", "A", 1, "A001", null));
        k5.at(2, new TicketCalled("t5", "c1", "o1"));
        k5.at(7, new TicketServed("t5", "c1", "o1", 300));

        KioskDay k3 = new KioskDay("2026-11-03");
        k3.at(0, new TicketIssued("u1", "A", 1, "A001", null));
        k3.at(1, new TicketIssued("u2", "A", 2, "A002", null));
        k3.at(3, new TicketCalled("u1", "c1", "o1"));
        k3.at(8, new TicketServed("u1", "c1", "o1", 300));
        k3.at(8, rating("u1", "c1", "o1", RatingLevel.VERY_SATISFIED, 3));
        k3.at(9, new TicketCalled("u2", "c1", "o1"));
        k3.at(13, new TicketServed("u2", "c1", "o1", 240));
        k3.at(13, rating("u2", "c1", "o1", RatingLevel.SATISFIED, 3));

        // two deliveries of k5, rolled up in small batches in between: the transfer's call comes in the second
        store.storeBatch("s5", EventBatch.of("k5", k5.list.subList(0, 11)));
        store.storeBatch("s3", EventBatch.of("k3", k3.list));
        Rollups.catchUp(sql, 4);
        store.storeBatch("s5", EventBatch.of("k5", k5.list.subList(11, k5.list.size())));
        Rollups.catchUp(sql, 4);
        Rollups.publish(sql, "s5", new SiteConfig(1, "UBND phường Bến Nghé", List.of(), List.of(), List.of(), List.of(), 5,
                List.of(), "sig"));
        Rollups.publish(sql, "s3", new SiteConfig(2, "UBND xã An Phú", List.of(), List.of(), List.of(), List.of(), 3,
                List.of(), "sig").withSatisfaction(new SiteConfig.Satisfaction(
                List.of(RatingLevel.VERY_SATISFIED), List.of(new SiteConfig.Satisfaction.Band(90, "good")))));
    }

    private static OfficerDayReport.Report report(Database sql, String kind, String value, String site) {
        return new OfficerDayReport(sql).report(OfficerPeriod.of(kind, value, TODAY), site);
    }

    private static OfficerLine line(String site, String officer, long served, long noShows, long transfers,
                                    long recalls, Double medianWait, Double p90Wait, Double medianService,
                                    Double p90Service, Double atCounter, Double idle, long rated, long satisfied) {
        return line(site, officer, served, noShows, transfers, recalls, medianWait, p90Wait, medianService, p90Service,
                null, atCounter, idle, rated, satisfied);
    }

    private static OfficerLine line(String site, String officer, long served, long noShows, long transfers,
                                    long recalls, Double medianWait, Double p90Wait, Double medianService,
                                    Double p90Service, Double signedIn, Double atCounter, Double idle, long rated,
                                    long satisfied) {
        return new OfficerLine(site, officer, served, noShows, transfers, recalls, medianWait, p90Wait, medianService,
                p90Service, signedIn, atCounter, idle, rated, satisfied);
    }

    private static void assertLine(OfficerLine expected, OfficerLine actual) {
        // percentiles are interpolated in doubles: compare them to the microsecond
        String what = expected.site() + "/" + expected.officer();
        assertEquals(List.of(expected.site(), expected.officer(), expected.served(), expected.noShows(),
                expected.transfers(), expected.recalls(), expected.rated(), expected.satisfied()),
                List.of(actual.site(), actual.officer(), actual.served(), actual.noShows(), actual.transfers(),
                        actual.recalls(), actual.rated(), actual.satisfied()), what);
        assertTime(expected.medianWaitSeconds(), actual.medianWaitSeconds(), what + " median wait");
        assertTime(expected.p90WaitSeconds(), actual.p90WaitSeconds(), what + " p90 wait");
        assertTime(expected.medianServiceSeconds(), actual.medianServiceSeconds(), what + " median service");
        assertTime(expected.p90ServiceSeconds(), actual.p90ServiceSeconds(), what + " p90 service");
        assertTime(expected.signedInSeconds(), actual.signedInSeconds(), what + " signed in");
        assertTime(expected.atCounterSeconds(), actual.atCounterSeconds(), what + " at the counter");
        assertTime(expected.idleSeconds(), actual.idleSeconds(), what + " idle");
    }

    private static void assertTime(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else {
            assertEquals(expected, actual == null ? Double.NaN : actual, 1e-6, what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenASeededWeek_whenReported_thenEveryFigureIsTheHandWorkedOne(String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        seed(sql);

        OfficerDayReport.Report day = report(sql, "day", "2026-11-03", "");
        List<OfficerLine> expected = List.of(
                line("s3", "o1", 2, 0, 0, 0, 330.0, 450.0, 270.0, 294.0, 600.0, 60.0, 2, 1),
                line("s5", "", 0, 0, 0, 0, null, null, null, null, null, null, 1, 1),
                line("s5", "o1", 2, 0, 0, 0, 270.0, 294.0, 330.0, 354.0, 1260.0, 600.0, 2, 2),
                line("s5", "o2", 1, 1, 1, 1, 300.0, 540.0, 360.0, 456.0, 1920.0, 1020.0, 1, 0));
        assertEquals(expected.size(), day.officers().size(), day.officers().toString());
        for (int i = 0; i < expected.size(); i++) {
            assertLine(expected.get(i), day.officers().get(i));
        }
        assertEquals(0.5, day.officers().get(0).satisfiedShare(), 1e-12, "s3: satisfied is very satisfied only");
        assertEquals(1.0, day.officers().get(2).satisfiedShare(), 1e-12);
        assertEquals(0.0, day.officers().get(3).satisfiedShare(), 1e-12);
        assertNull(day.unit());

        OfficerDayReport.Report week = report(sql, "week", "2026-W45", "s5");
        assertEquals("UBND phường Bến Nghé", week.unit());
        assertEquals(LocalDate.of(2026, 11, 2), week.period().from());
        assertEquals(3, week.officers().size(), week.officers().toString());
        assertLine(line("s5", "o1", 3, 0, 0, 0, 240.0, 288.0, 300.0, 348.0, 1560.0, 600.0, 2, 2),
                week.officers().get(1));
        assertLine(expected.get(3), week.officers().get(2));
        OfficerDayReport.Report month = report(sql, "month", "2026-11", "s5");
        assertLine(week.officers().get(1), month.officers().get(1));
        assertEquals(List.of(), report(sql, "day", "2026-11-04", "").officers(), "a day without work");
    }

    /**
     * Site s9, kiosk k9, 2026-11-10, minutes past 08:00, from an agent that sends sign-ins:
     * <pre>
     *  0 o1 signs in at c1        0 t1 issued   1 t2 issued
     *  5 t1 called by o1         15 t1 served, 600 s
     * 20 t2 called by o1         30 t2 served, 600 s
     * 40 o1 signs out (officer): signed in 0 → 40 = 2400 s
     * 50 o1 signs in again      55 t3 issued   60 t3 called by o1   70 t3 no-show
     * 80 o2 signs in at c1: o1 signed out (replaced), then o2 signed in: o1 50 → 80 = 1800 s
     * 81 t4 issued   85 t4 called by o2   95 t4 served, 600 s; o2 never signs out (the agent restarted)
     * 99 o3 signs out of c2 without a sign-in that day: counts nothing
     * </pre>
     * o1: signed in 2400 + 1800 = 4200 s; serving 600 + 600 = 1200 s (the no-show is no service), idle 3000 s; at the
     * counter 5 → 70 = 3900 s; waits 300 (t1), 1140 (t2), 300 (t3): median 300, p90 300 + 0.8 × 840 = 972.
     * o2: signed in 80 → 95 (its last event that day) = 900 s, idle 900 − 600 = 300 s, at the counter 85 → 95 = 600 s;
     * wait 240 s. o3: signed in 0 s, idle 0 s, at the counter not measured (no ticket, so 0 s).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenAnAgentThatSendsSignIns_whenReported_thenTimeSignedInAndIdleAreTheHandWorkedOnes(String dialect)
            throws Exception {
        Database sql = database = databases.open(dialect);
        KioskDay k9 = new KioskDay("2026-11-10");
        k9.at(0, new CounterSignedIn("c1", "o1"));
        k9.at(0, new TicketIssued("t1", "A", 1, "A001", null));
        k9.at(1, new TicketIssued("t2", "A", 2, "A002", null));
        k9.at(5, new TicketCalled("t1", "c1", "o1"));
        k9.at(15, new TicketServed("t1", "c1", "o1", 600));
        k9.at(20, new TicketCalled("t2", "c1", "o1"));
        k9.at(30, new TicketServed("t2", "c1", "o1", 600));
        k9.at(40, new CounterSignedOut("c1", "o1", SignOutReason.OFFICER));
        k9.at(50, new CounterSignedIn("c1", "o1"));
        k9.at(55, new TicketIssued("t3", "A", 3, "A003", null));
        k9.at(60, new TicketCalled("t3", "c1", "o1"));
        k9.at(70, new TicketNoShow("t3", "c1"));
        k9.at(80, new CounterSignedOut("c1", "o1", SignOutReason.REPLACED));
        k9.at(80, new CounterSignedIn("c1", "o2"));
        k9.at(81, new TicketIssued("t4", "A", 4, "A004", null));
        k9.at(85, new TicketCalled("t4", "c1", "o2"));
        k9.at(95, new TicketServed("t4", "c1", "o2", 600));
        k9.at(99, new CounterSignedOut("c2", "o3", SignOutReason.TIMEOUT));
        EventStore store = JdbcEventStore.on(sql, Clock.systemUTC());
        // delivered in two parts, the sign-in of o1 apart from its sign-out
        store.storeBatch("s9", EventBatch.of("k9", k9.list.subList(0, 6)));
        Rollups.catchUp(sql, 4);
        store.storeBatch("s9", EventBatch.of("k9", k9.list.subList(6, k9.list.size())));
        Rollups.catchUp(sql, 4);

        OfficerDayReport.Report day = report(sql, "day", "2026-11-10", "s9");
        List<OfficerLine> expected = List.of(
                line("s9", "o1", 2, 1, 0, 0, 300.0, 972.0, 600.0, 600.0, 4200.0, 3900.0, 3000.0, 0, 0),
                line("s9", "o2", 1, 0, 0, 0, 240.0, 240.0, 600.0, 600.0, 900.0, 600.0, 300.0, 0, 0),
                line("s9", "o3", 0, 0, 0, 0, null, null, null, null, 0.0, 0.0, 0.0, 0, 0));
        assertEquals(expected.size(), day.officers().size(), day.officers().toString());
        for (int i = 0; i < expected.size(); i++) {
            assertLine(expected.get(i), day.officers().get(i));
        }
        String csv = new String(ReportCsv.write(ReportColumns.OFFICER_DAY, day.officers(), Lang.VI),
                StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"s9\",\"o1\",2,1,0,0,300.0,972.0,600.0,600.0,4200.0,3900.0,3000.0,0,"), csv);
        assertEquals(List.of(), report(sql, "day", "2026-11-11", "s9").officers(), "a day without work");
    }

    @Test
    void givenAPeriodThatCannotBeRead_whenAsked_thenTheCurrentOneIsShown() {
        assertEquals(new OfficerPeriod("day", "2026-11-30", TODAY, TODAY), OfficerPeriod.of("day", "30/11", TODAY));
        assertEquals("2026-W49", OfficerPeriod.of("week", "2026-W60", TODAY).value());
        assertEquals(LocalDate.of(2026, 11, 30), OfficerPeriod.of("week", "", TODAY).from(), "a Monday");
        assertEquals(LocalDate.of(2020, 12, 31), OfficerPeriod.of("week", "2020-W53", TODAY).to().minusDays(3));
        assertEquals(new OfficerPeriod("day", "2026-11-30", TODAY, TODAY), OfficerPeriod.of("year", "2026", TODAY));
        assertEquals(new OfficerPeriod("day", "2026-11-30", TODAY, TODAY), OfficerPeriod.of(null, null, TODAY),
                "the page opened without a question");
    }

    @Test
    void givenTheSeededWeek_whenExportedAsAWorkbook_thenItReadsBackAsThePagesFigures() throws Exception {
        Database sql = database = databases.open("sqlite");
        seed(sql);
        OfficerDayReport.Report r = report(sql, "day", "2026-11-03", "");
        byte[] xlsx = OfficerDayXlsx.write(r, Lang.VI, "truong.phong", LocalDateTime.of(2026, 11, 3, 17, 30));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertTrue(sheet.getRow(0).getCell(0).getStringCellValue().contains("Tất cả các điểm"));
            List<String> header = new ArrayList<>();
            sheet.getRow(OfficerDayXlsx.HEADER_ROW).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(List.of("Điểm", "Cán bộ", "Đã phục vụ", "Vắng mặt", "Chuyển dịch vụ", "Gọi lại",
                    "Chờ, trung vị (giây)", "Chờ, phân vị 90 (giây)", "Phục vụ, trung vị (giây)",
                    "Phục vụ, phân vị 90 (giây)", "Thời gian đăng nhập (giây)", "Thời gian tại quầy (giây)",
                    "Thời gian rỗi (giây)",
                    "Lượt đánh giá", "Tỷ lệ hài lòng"), header);
            // each sheet cell against the page's cell of the same line and column
            for (int i = 0; i < r.officers().size(); i++) {
                OfficerLine l = r.officers().get(i);
                Row row = sheet.getRow(OfficerDayXlsx.HEADER_ROW + 1 + i);
                for (int col = 0; col < ReportColumns.OFFICER_DAY.size(); col++) {
                    ReportColumn<OfficerLine> column = ReportColumns.OFFICER_DAY.get(col);
                    assertEquals(column.pageText(l, Lang.VI), asOnPage(row.getCell(col), column.format()),
                            column.key() + " of " + l.officer());
                }
            }
            assertEquals("truong.phong", sheet.getRow(OfficerDayXlsx.HEADER_ROW + r.officers().size() + 3)
                    .getCell(1).getStringCellValue());
        }
    }

    /** A workbook cell written as the page writes its column. */
    private static String asOnPage(Cell cell, ReportColumn.Format format) {
        if (cell == null) {
            return format == ReportColumn.Format.TEXT ? "" : "—";
        }
        return switch (format) {
            case COUNT -> String.valueOf((long) cell.getNumericCellValue());
            case SECONDS -> ReportColumn.minutesSeconds(cell.getNumericCellValue());
            case SHARE -> ReportColumn.Format.SHARE.page(cell.getNumericCellValue(), Lang.VI);
            case TEXT_OR_DASH -> cell.getStringCellValue().isEmpty() ? "—" : cell.getStringCellValue();
            default -> cell.getStringCellValue();
        };
    }

    private static MutableHttpRequest<?> as(Role role, String path) {
        MutableHttpRequest<?> request = HttpRequest.GET(path);
        request.setAttribute(Principal.ATTRIBUTE, new Principal("nguoi.dung", role, "csrf"));
        return request;
    }

    @Test
    void givenAnyoneButAManager_whenTheyOpenTheOfficersReport_thenTheyAreRefused() throws Exception {
        Database sql = database = databases.open("sqlite");
        OfficerDayController controller = new OfficerDayController(new OfficerDayReport(sql),
                new KeptOfficerLines(sql), new Views(), Clock.systemUTC());
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR)) {
            assertThrows(Forbidden.class, () -> controller.page(as(role, "/reports/officers")), role.wireName());
            assertThrows(Forbidden.class, () -> controller.csv(as(role, "/reports/officers.csv")), role.wireName());
            assertThrows(Forbidden.class, () -> controller.xlsx(as(role, "/reports/officers.xlsx")),
                    role.wireName());
        }
        for (Role role : List.of(Role.REPORTER, Role.ADMIN)) {
            assertEquals(200, controller.page(as(role, "/reports/officers")).code(), role.wireName());
        }
    }

    @Test
    void givenTheSeededDay_whenThePageIsShownInChromium_thenItShowsTheReportsFigures() throws Exception {
        Database sql = database = databases.open("sqlite");
        seed(sql);
        OfficerDayController controller = new OfficerDayController(new OfficerDayReport(sql),
                new KeptOfficerLines(sql), new Views(), Clock.systemUTC());
        String html = controller.page(as(Role.REPORTER, "/reports/officers?kind=day&value=2026-11-03&site=s5"))
                .body();
        OfficerDayReport.Report r = report(sql, "day", "2026-11-03", "s5");
        String cellsOnPage = html.replaceAll("<td[^>]*>", "<td>");
        for (OfficerLine l : r.officers()) {
            String cells = ReportColumns.officerDay(false).stream()
                    .map(c -> "<td>" + c.pageText(l, Lang.VI) + "</td>").reduce("<tr>", String::concat) + "</tr>";
            assertTrue(cellsOnPage.contains(cells), cells);
        }
        assertTrue(html.contains("<td>o2</td><td>1</td><td>1</td><td>1</td><td>1</td><td>5:00</td><td>9:00</td>"
                + "<td>6:00</td><td>7:36</td><td>—</td><td>32:00</td><td>17:00</td><td>1</td><td>0.0 %</td>")
                || cellsOnPage.contains("<td>o2</td><td>1</td><td>1</td><td>1</td><td>1</td><td>5:00</td>"
                + "<td>9:00</td><td>6:00</td><td>7:36</td><td>—</td><td>32:00</td><td>17:00</td><td>1</td><td>0.0 %</td>"),
                cellsOnPage);
        String csv = new String(ReportCsv.write(ReportColumns.OFFICER_DAY, r.officers(), Lang.VI),
                StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"s5\",\"o2\",1,1,1,1,300.0,540.0,360.0,456.0,,1920.0,1020.0,1,0.0000"), csv);
        // the page as a browser shows it, for a person to look at: target/screenshots/officer-day.png
        PageShot.take(html, "officer-day");
    }
}
