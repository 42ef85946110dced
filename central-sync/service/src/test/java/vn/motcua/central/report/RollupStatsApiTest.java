package vn.motcua.central.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.Database;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.motcua.central.report.StoredEvents.rating;

/** The running service's scheduled rollups move past events they cannot read, and /api/stats counts them. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupStatsApiTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_TOKEN = "rollup-stats-test-token";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database sql;

    @Inject
    RollupHealth health;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-rollup-stats-test", "admin",
                "correct horse battery");
        p.put("central.reports.rollup-every", "200ms");
        p.put("central.reports.rollup-batch", "2");
        p.put("central.auth.api-token", API_TOKEN);
        return p;
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET("/api/stats").bearerAuth(API_TOKEN)));
    }

    private long ratings() {
        return sql.query("ratings rolled up", c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COALESCE(SUM(ratings), 0) FROM rating_daily")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void givenAFarFutureEventAmongGoodOnes_whenTheScheduledRollupsRun_thenTheyMovePastItAndStatsCountIt()
            throws Exception {
        StoredEvents events = new StoredEvents("sqlite", 1)
                .good("rating.submitted", 1, rating("satisfied", "\"c1\"", "[]"))
                .bad("ratings", "at:", "rating.submitted", "+999999999-12-31T00:00:00Z",
                        rating("satisfied", "\"c1\"", "[]"))
                .bad("queue", "at:", "ticket.issued", "+999999999-12-31T00:00:00Z",
                        "{\"ticketId\":\"t0\",\"service\":\"A\",\"number\":1,\"display\":\"A001\",\"priority\":null}")
                .good("rating.submitted", 2, rating("very_satisfied", "\"c1\"", "[]"))
                .good("rating.submitted", 3, rating("neutral", "\"c2\"", "[]"));
        events.store(sql);

        JsonNode setAside = JSON.readTree("{\"queue\":1,\"ratings\":1,\"ticket_page\":1}");
        await("the good ratings rolled up past the bad events").atMost(Duration.ofSeconds(30))
                .until(() -> ratings() == 3 && setAside.equals(stats().get("rollupSetAside")));
        JsonNode stats = stats();
        assertEquals(5, stats.get("events").asLong(), "the store's own totals stay where they were: " + stats);
        assertEquals(4, stats.get("ratings").asLong(), "the store holds the set-aside rating too: " + stats);
        assertEquals(List.of(), health.behind());
    }
}
