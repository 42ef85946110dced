package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.EventStore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integrity page, its drill-down, and the flags beside the report's figures and in its exports, against the
 * running service with a month whose kiosk k2 had a burst. The pages are also written to target/integrity-pages for
 * a look in a browser.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrityPageTest implements TestPropertyProvider {
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "correct horse battery";
    private static final String RANGE = "from=2026-11-01&to=2026-11-30";
    private static final Path OUT = Path.of("target", "integrity-pages");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventStore store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-integrity-page-test", ADMIN, PASSWORD);
        p.put("central.reports.rollup-every", "200ms");
        p.put("central.reports.integrity.pass-every", "300ms");
        return p;
    }

    @BeforeAll
    void aMonthWithABurstAndAFavouredOfficer() {
        new MonthOfRatings(MonthOfRatings.Pattern.BURST).store(store);
    }

    private String get(String path) throws Exception {
        WebConsoleSession s = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
        return http.toBlocking().retrieve(s.on(HttpRequest.GET(path)));
    }

    private byte[] bytes(String path) {
        WebConsoleSession s = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
        return http.toBlocking().retrieve(s.on(HttpRequest.GET(path)), byte[].class);
    }

    private static void keep(String name, String html) throws Exception {
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(name), html);
    }

    /** The page of a whole month once the rollups and the integrity pass have kept its figures. */
    private String keptPage(String lang) {
        String done = "still to recompute: 0.";
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/reports/integrity?" + RANGE + "&lang=en")
                .contains(done));
        return assertDoesNotThrow(() -> get("/reports/integrity?" + RANGE + "&lang=" + lang));
    }

    @Test
    void thePageListsTheFlagAndItsDrillDownListsTheRatingsBehindIt() throws Exception {
        String page = keptPage("en");
        keep("integrity.html", page);
        assertTrue(page.contains("Burst of ratings on one kiosk"), page);
        Matcher link = Pattern.compile("href=\"(/reports/integrity/ratings\\?[^\"]*subject=kiosk&amp;id=k2&amp;flag=burst)\"")
                .matcher(page);
        assertTrue(link.find(), page);
        String drill = get(link.group(1).replace("&amp;", "&") + "&lang=en");
        keep("integrity-ratings.html", drill);
        String ratings = drill.substring(drill.indexOf("id=\"integrity-ratings\""));
        assertEquals(MonthOfRatings.PER_DAY, ratings.split("<tr>").length - 2, "a header row, then one per rating");
        assertTrue(ratings.contains("t-10-2-0") && ratings.contains("t-10-2-6"), ratings);
    }

    @Test
    void aWholeMonthSaysHowFreshItsKeptFiguresAreAndOtherRangesAreReadFromTheEvents() throws Exception {
        String page = keptPage("en");
        Matcher kept = Pattern.compile("id=\"integrity-kept\">Summed from the figures kept per site and month, "
                + "as of (\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}) \\(the oldest\\); "
                + "sites with a month of this period still to recompute: 0\\.").matcher(page);
        assertTrue(kept.find(), page);
        String vi = keptPage("vi");
        keep("integrity-kept-vi.html", vi);
        PageShot.take(vi, "integrity-kept-vi");
        assertTrue(vi.contains("số đơn vị còn tháng trong kỳ chờ tính lại: 0."), vi);
        WebConsoleSession s = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
        var csv = http.toBlocking().exchange(s.on(HttpRequest.GET("/reports/integrity.csv?" + RANGE)), byte[].class);
        assertEquals("0", csv.header("X-Integrity-Sites-Due"));
        assertNotNull(java.time.Instant.parse(csv.header("X-Integrity-Kept-As-Of")));
        String days = get("/reports/integrity?from=2026-11-02&to=2026-11-30&lang=en&site=" + MonthOfRatings.SITE);
        assertFalse(days.contains("id=\"integrity-kept\""), "not whole months: read from the site's events");
        assertTrue(days.contains("Burst of ratings on one kiosk"), days);
        // over all sites, days would read every site's events: only whole months are offered
        String allSites = get("/reports/integrity?from=2026-11-02&to=2026-11-30&lang=vi");
        assertTrue(allSites.contains("id=\"integrity-whole-months\">Cờ của tất cả các điểm chỉ tính theo cả tháng"),
                allSites);
        assertFalse(allSites.contains("dồn dập trên một ki-ốt"), "no flags made");
        String report = get("/reports?from=2026-11-02&to=2026-11-30&lang=en");
        assertTrue(report.contains("id=\"integrity-whole-months\">Flags over all sites are made for whole months"),
                report);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(bytes("/reports/export.xlsx?from=2026-11-02&to=2026-11-30&lang=en")))) {
            var flagsSheet = book.getSheetAt(book.getNumberOfSheets() - 1);
            assertEquals(2, flagsSheet.getPhysicalNumberOfRows(), "the header, then why there are no flags");
            assertTrue(flagsSheet.getRow(1).getCell(0).getStringCellValue()
                    .startsWith("Flags over all sites are made for whole months only"));
        }
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> bytes("/reports/integrity.csv?from=2026-11-02&to=2026-11-30"));
        assertEquals(400, refused.getStatus().getCode());
    }

    @Test
    void theReportShowsTheFlagsBesideTheFiguresAndCountsEveryRating() throws Exception {
        int all = new MonthOfRatings(MonthOfRatings.Pattern.BURST).ratings;
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/reports?" + RANGE)
                .contains("id=\"total-ratings\">" + all + "<"));
        String report = get("/reports?" + RANGE + "&lang=en");
        keep("report.html", report);
        assertTrue(report.contains("id=\"total-ratings\">" + all + "<"), "flagged ratings stay in the figures");
        assertTrue(report.contains("id=\"integrity-card\""));
        assertTrue(report.contains("Burst of ratings on one kiosk"));
        keptPage("en");
        String csv = new String(bytes("/reports/integrity.csv?" + RANGE), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"k2\",\"Nhiều đánh giá dồn dập trên một ki-ốt\",7"), csv);
        assertFalse(csv.contains("integrity."), "no message key in place of its text: " + csv);
        String english = new String(bytes("/reports/integrity.csv?" + RANGE + "&lang=en"), StandardCharsets.UTF_8);
        assertTrue(english.contains("\"k2\",\"Burst of ratings on one kiosk\",7"), english);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes("/reports/export.xlsx?" + RANGE
                + "&lang=en")))) {
            assertNotNull(book.getSheet("Integrity flags"));
            assertTrue(book.getSheet("Integrity flags").getLastRowNum() >= 2);
        }
    }
}
