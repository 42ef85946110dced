package vn.motcua.central.report;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's inputs and its CSV output against the running service: texts that a spreadsheet would run, and dates
 * that are not dates or lie outside the calendar's arithmetic.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportInputsTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-22T08:01:00+07:00");
    private static final String RANGE = "from=2026-11-01&to=2026-11-30";
    /** Counter names as a kiosk could send them, each starting the way a formula or a command does. */
    private static final List<String> COUNTERS = List.of("\t=cmd|' /C calc'!A0", "\r=1+1", " =1+1", "|calc",
            "=SUM(A1)", "+1+cmd", "-2+cmd", "@SUM(A1)", "-1", "Quầy 5");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventStore store;

    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-report-inputs-test", ADMIN,
                ADMIN_PASSWORD);
        p.put("central.reports.rollup-every", "200ms");
        return p;
    }

    @BeforeAll
    void ratingsStored() {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        List<KioskEvent> events = new ArrayList<>();
        for (int i = 0; i < COUNTERS.size(); i++) {
            long seq = i + 1;
            events.add(new KioskEvent(seq, UUID.randomUUID(), EventType.RATING_SUBMITTED, AT.plusSeconds(seq), true,
                    "boot-1", seq * 1000, new RatingSubmitted("r-" + seq, "t-" + seq, COUNTERS.get(i), "cb-a", null,
                    RatingLevel.SATISFIED, 5, List.of(), null)));
        }
        store.storeBatch("site-csv", EventBatch.of("kiosk-csv", events));
    }

    private HttpResponse<String> get(String path, String accept) {
        MutableHttpRequest<?> request = admin.on(HttpRequest.GET(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.toBlocking().exchange(request, String.class);
    }

    private HttpClientResponseException refused(String path, String accept) {
        return org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> get(path, accept));
    }

    @Test
    void givenGroupNamesStartingLikeFormulas_whenCsvExported_thenEachDefusedAndNumbersKept() {
        String path = "/reports/export.csv?" + RANGE + "&groupBy=counter";
        await("ratings rolled up").atMost(Duration.ofSeconds(30))
                .until(() -> get(path, null).body().split("\r\n", -1).length == 2 + COUNTERS.size());
        String csv = new String(get(path, null).body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        for (String defused : List.of("\"'\t=cmd|' /C calc'!A0\"", "\"'\r=1+1\"", "\"' =1+1\"", "\"'|calc\"",
                "\"'=SUM(A1)\"", "\"'+1+cmd\"", "\"'-2+cmd\"", "\"'@SUM(A1)\"")) {
            assertTrue(csv.contains("," + defused + ","), "defused " + defused.replace("\t", "\\t")
                    .replace("\r", "\\r") + " in\n" + csv);
        }
        assertTrue(csv.contains(",\"-1\","), "a number stays a number");
        assertTrue(csv.contains(",\"Quầy 5\","), "ordinary text is untouched");
        assertFalse(csv.contains(",\"=") || csv.contains(",\"\t") || csv.contains(",\"|") || csv.contains(",\" "),
                csv);
    }

    @Test
    void givenDateThatIsNoDate_whenReportPageOpened_then400PageNamingTheParameterInItsLanguage() {
        HttpClientResponseException e = refused("/reports?from=2026-02-30", "text/html");
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        String page = e.getResponse().getBody(String.class).orElse("");
        assertTrue(page.contains("data-parameter=\"from\""), page);
        assertTrue(page.contains("Từ ngày phải là một ngày dạng 2026-03-31, từ năm 1970 đến năm 9999."), page);
        assertTrue(page.contains("<html lang=\"vi\""), "a page of the console, in Vietnamese");

        e = refused("/reports?to=31/12/2026&lang=en", "text/html");
        String english = e.getResponse().getBody(String.class).orElse("");
        assertTrue(english.contains("data-parameter=\"to\""), english);
        assertTrue(english.contains("To must be a date like 2026-03-31, from 1970 to 9999."), english);
    }

    @Test
    void givenDatesAtTheEndsOfTheCalendar_whenReportedOrExported_then400NotAServerError() throws Exception {
        for (String query : List.of("from=%2B999999999-12-31&to=%2B999999999-12-31",
                "from=-999999999-01-01&to=-999999999-01-01", "from=0000-01-01", "to=10000-01-01")) {
            for (String path : List.of("/reports?", "/reports/export.csv?", "/reports/export.xlsx?",
                    "/reports/queue.csv?")) {
                HttpClientResponseException e = refused(path + query, null);
                assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), path + query);
                JsonNode body = JSON.readTree(e.getResponse().getBody(String.class).orElseThrow());
                assertTrue(List.of("from", "to").contains(body.get("parameter").asText()), body.toString());
            }
        }
        assertEquals(HttpStatus.OK, get("/reports?from=9999-01-01&to=9999-12-31", "text/html").getStatus(),
                "the last year the calendar holds is still a report");
    }
}
