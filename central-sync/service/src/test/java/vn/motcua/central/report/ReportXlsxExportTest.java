package vn.motcua.central.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketServed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The XLSX report export against the running service: same figures as the CSV, same roles. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportXlsxExportTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-22T08:01:00+07:00");
    private static final String RANGE = "from=2026-11-01&to=2026-11-30";
    private static final String COMMENT = "=HYPERLINK(\"http://x\",\"bấm\") chờ lâu";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventStore store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-report-xlsx-test", ADMIN, ADMIN_PASSWORD);
        p.put("central.reports.rollup-every", "200ms");
        return p;
    }

    private WebConsoleSession signIn(String user, String password) {
        return WebConsoleSession.signIn(http, user, password);
    }

    private MutableHttpRequest<?> as(WebConsoleSession s, MutableHttpRequest<?> request) {
        return s.on(request);
    }

    private HttpResponse<byte[]> get(WebConsoleSession s, String path) {
        return http.toBlocking().exchange(as(s, HttpRequest.GET(path)), byte[].class);
    }

    private static KioskEvent event(long seq, EventType type, EventBody body) {
        return new KioskEvent(seq, UUID.randomUUID(), type, AT.plusSeconds(seq), true, "boot-1", seq * 1000, body);
    }

    @BeforeAll
    void ratingsAndTicketsStored() {
        store.storeBatch("site-x", EventBatch.of("kiosk-x", List.of(
                event(1, EventType.TICKET_ISSUED, new TicketIssued("t-1", "A", 1, "A001", null)),
                event(2, EventType.TICKET_ISSUED, new TicketIssued("t-2", "B", 1, "B001", null)),
                event(3, EventType.TICKET_SERVED, new TicketServed("t-1", "3", "cb-a", 120)),
                event(4, EventType.RATING_SUBMITTED, new RatingSubmitted("r-4", "t-1", "3", "cb-a", "1.005090",
                        RatingLevel.VERY_SATISFIED, 5, List.of(), null)),
                event(5, EventType.RATING_SUBMITTED, new RatingSubmitted("r-5", "t-2", "3", "cb-a", "1.005090",
                        RatingLevel.DISSATISFIED, 5, List.of("long_wait"), COMMENT)),
                event(6, EventType.RATING_SUBMITTED, new RatingSubmitted("r-6", "t-3", "4", "cb-b", null,
                        RatingLevel.SATISFIED, 5, List.of(), null)))));
    }

    private static XSSFWorkbook workbook(HttpResponse<byte[]> r) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CSV export's lines after its header, as cells without quotes. */
    private static List<List<String>> csvLines(HttpResponse<byte[]> r) {
        List<List<String>> out = new ArrayList<>();
        new String(r.body(), StandardCharsets.UTF_8).lines().skip(1)
                .forEach(l -> out.add(List.of(l.replace("\"", "").split(",", -1))));
        return out;
    }

    /** The same line of the rating sheet as text in the CSV's form, so the two exports compare cell by cell. */
    private static List<String> asCsv(Row row) {
        List<String> cells = new ArrayList<>();
        cells.add(row.getCell(0).getStringCellValue());
        cells.add(row.getCell(1) == null ? "" : row.getCell(1).getStringCellValue());
        for (int i = 2; i <= 7; i++) {
            assertEquals(CellType.NUMERIC, row.getCell(i).getCellType(), "counts are numbers");
            cells.add(String.valueOf((long) row.getCell(i).getNumericCellValue()));
        }
        Cell share = row.getCell(8);
        cells.add(share == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", share.getNumericCellValue()));
        return cells;
    }

    @Test
    void givenReporter_whenExportXlsxDownloaded_thenSameFiguresAsCsvAndQueueAndLowRatingSheets() throws Exception {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(as(admin, HttpRequest.POST("/api/users",
                "{\"username\":\"bao-cao\",\"password\":\"bao-cao-hang-thang\",\"role\":\"reporter\"}")))
                .getStatus());
        WebConsoleSession reporter = signIn("bao-cao", "bao-cao-hang-thang");
        await("ratings and tickets rolled up").atMost(Duration.ofSeconds(30)).until(() -> {
            try (XSSFWorkbook wb = workbook(get(reporter, "/reports/export.xlsx?" + RANGE))) {
                return wb.getSheetAt(0).getLastRowNum() == 1 && wb.getSheetAt(2).getLastRowNum() == 3;
            }
        });

        for (String filters : List.of("&period=month", "&groupBy=counter", "&period=week&groupBy=procedure",
                "&site=nowhere")) {
            HttpResponse<byte[]> xlsx = get(reporter, "/reports/export.xlsx?" + RANGE + filters);
            List<List<String>> csv = csvLines(get(reporter, "/reports/export.csv?" + RANGE + filters));
            try (XSSFWorkbook wb = workbook(xlsx)) {
                Sheet ratings = wb.getSheetAt(0);
                List<List<String>> fromXlsx = new ArrayList<>();
                for (int r = 1; r <= ratings.getLastRowNum(); r++) {
                    fromXlsx.add(asCsv(ratings.getRow(r)));
                }
                assertEquals(csv, fromXlsx, filters);
            }
        }
        List<List<String>> byCounter = csvLines(get(reporter, "/reports/export.csv?" + RANGE + "&groupBy=counter"));
        assertEquals(List.of("2026-11-22", "3", "1", "0", "0", "1", "0", "2", "0.5000"), byCounter.get(0),
                "the CSV itself has the stored ratings, so the comparison above is of real figures");

        HttpResponse<byte[]> r = get(reporter, "/reports/export.xlsx?" + RANGE + "&period=month");
        assertEquals(ReportXlsx.MEDIA_TYPE, r.getContentType().orElseThrow().toString());
        assertEquals("attachment; filename=\"satisfaction-2026-11-01-2026-11-30.xlsx\"",
                r.getHeaders().get("Content-Disposition"));
        try (XSSFWorkbook wb = workbook(r)) {
            assertEquals(List.of("Đánh giá", "Đánh giá chưa hài lòng", "Số liệu hàng đợi"),
                    List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
            Sheet ratings = wb.getSheetAt(0);
            Row header = ratings.getRow(0);
            assertEquals("Kỳ", header.getCell(0).getStringCellValue());
            assertEquals("Tỉ lệ hài lòng", header.getCell(8).getStringCellValue());
            assertTrue(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold(), "bold header");
            assertNotNull(ratings.getPaneInformation());
            assertTrue(ratings.getPaneInformation().isFreezePane(), "header row frozen");
            assertEquals(1, ratings.getPaneInformation().getHorizontalSplitPosition());
            assertTrue(ratings.getColumnWidth(8) >= "Tỉ lệ hài lòng".length() * 256, "column fits its header");
            Cell share = ratings.getRow(1).getCell(8);
            assertEquals(2.0 / 3, share.getNumericCellValue(), 1e-9);
            assertTrue(share.getCellStyle().getDataFormatString().contains("%"), "share as a percentage");

            Sheet low = wb.getSheetAt(1);
            assertEquals(1, low.getLastRowNum(), "one low rating");
            Row l = low.getRow(1);
            assertEquals(LocalDateTime.of(2026, 11, 22, 8, 1, 5), l.getCell(0).getLocalDateTimeCellValue(),
                    "the kiosk's time in Asia/Ho_Chi_Minh, as a date cell");
            assertEquals(List.of("site-x", "kiosk-x", "3", "cb-a", "1.005090", "Không hài lòng", "Chờ lâu"),
                    List.of(l.getCell(1).getStringCellValue(), l.getCell(2).getStringCellValue(),
                            l.getCell(3).getStringCellValue(), l.getCell(4).getStringCellValue(),
                            l.getCell(5).getStringCellValue(), l.getCell(6).getStringCellValue(),
                            l.getCell(7).getStringCellValue()));
            assertEquals(CellType.STRING, l.getCell(8).getCellType(), "a comment is text, never a formula");
            assertEquals(COMMENT, l.getCell(8).getStringCellValue());

            Sheet queue = wb.getSheetAt(2);
            assertEquals("Dịch vụ", queue.getRow(1).getCell(0).getStringCellValue());
            assertEquals("A", queue.getRow(1).getCell(1).getStringCellValue());
            assertEquals(1.0, queue.getRow(1).getCell(2).getNumericCellValue());
            assertEquals("B", queue.getRow(2).getCell(1).getStringCellValue());
            Row counter = queue.getRow(3);
            assertEquals(List.of("Quầy", "3"), List.of(counter.getCell(0).getStringCellValue(),
                    counter.getCell(1).getStringCellValue()));
            assertEquals("Thời gian chờ TB (giây)", queue.getRow(0).getCell(4).getStringCellValue());
            assertNull(counter.getCell(4), "no call seen: no average wait rather than a zero");
            assertEquals(List.of(0.0, 1.0, 120.0, 0.0), List.of(counter.getCell(3).getNumericCellValue(),
                    counter.getCell(5).getNumericCellValue(), counter.getCell(6).getNumericCellValue(),
                    counter.getCell(7).getNumericCellValue()), "called, served, average service, no-shows");
        }

        try (XSSFWorkbook wb = workbook(get(reporter, "/reports/export.xlsx?" + RANGE + "&lang=en"))) {
            assertEquals(List.of("Ratings", "Low ratings", "Queue figures"),
                    List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)));
            assertEquals("Dissatisfied", wb.getSheetAt(1).getRow(1).getCell(6).getStringCellValue());
        }
    }

    @Test
    void givenViewerOrNoSession_whenExportXlsxRequested_thenForbiddenOrSignIn() {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        http.toBlocking().exchange(as(admin, HttpRequest.POST("/api/users",
                "{\"username\":\"chi-xem\",\"password\":\"chi-xem-thoi-nhe\",\"role\":\"viewer\"}")));
        WebConsoleSession viewer = signIn("chi-xem", "chi-xem-thoi-nhe");
        for (String export : List.of("/reports/export.xlsx?" + RANGE, "/reports/export.csv?" + RANGE)) {
            HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(
                    HttpClientResponseException.class, () -> get(viewer, export));
            assertEquals(HttpStatus.FORBIDDEN, e.getStatus(), export);
        }
        assertEquals(HttpStatus.OK, get(admin, "/reports/export.xlsx?" + RANGE).getStatus(), "an admin may");
        // the client follows the redirect: what comes back is the sign-in page, not a workbook
        HttpResponse<String> anonymous = http.toBlocking().exchange(HttpRequest.GET("/reports/export.xlsx?" + RANGE),
                String.class);
        assertTrue(anonymous.body().contains("id=\"sign-in\""), anonymous.body());
        HttpClientResponseException bad = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> get(admin, "/reports/export.xlsx?from=2026-11-30&to=2026-11-01"));
        assertEquals(HttpStatus.BAD_REQUEST, bad.getStatus(), "the same filter checks as the CSV");
    }
}
