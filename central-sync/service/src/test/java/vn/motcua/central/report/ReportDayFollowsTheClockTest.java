package vn.motcua.central.report;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Central reads the time from its one {@link Clock} bean: with the clock standing at 18:30 UTC on 31 March, it is
 * already 1 April at the desks (UTC+7), and a report without dates covers 1 April.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDayFollowsTheClockTest implements TestPropertyProvider {
    private static final String SPEC = "ReportDayFollowsTheClockTest";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-report-clock-test", "admin",
                "correct horse battery");
        p.put("spec.name", SPEC);
        return p;
    }

    @Factory
    @Requires(property = "spec.name", value = SPEC)
    static class StandingClock {
        @Singleton
        @Replaces(Clock.class)
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-03-31T18:30:00Z"), ZoneOffset.UTC);
        }
    }

    @Test
    void givenTheClockAtEveningOfMarch31Utc_whenReportExportedWithoutDates_thenItIsAprilFirstAtTheDesks() {
        WebConsoleSession admin = WebConsoleSession.signIn(http, "admin", "correct horse battery");
        HttpResponse<byte[]> csv = http.toBlocking().exchange(admin.on(HttpRequest.GET("/reports/export.csv")),
                byte[].class);
        assertEquals("attachment; filename=\"satisfaction-2026-04-01-2026-04-01.csv\"",
                csv.getHeaders().get("Content-Disposition"));
    }
}
