package vn.motcua.central.fleet;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.message.KioskStatus;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fleet pages show of a reading no kiosk can take: nothing, and the stats count it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryRangePageTest implements TestPropertyProvider {
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "telemetry range password";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EventStore store;
    @Inject
    TelemetryStore telemetry;

    @Override
    public Map<String, String> getProperties() {
        return WebConsoleSession.centralProperties("central-telemetry-range-test", ADMIN, PASSWORD);
    }

    @Test
    void givenA309DigitLoad_whenTheKioskPageIsShown_thenNoSuchNumberAndTheRejectionCounted() {
        store.recordStatus("site-t", "kiosk-huge", new KioskStatus(true, "0.1.0", "boot", OffsetDateTime.now()));
        telemetry.record("site-t", "kiosk-huge", TelemetryRangeOnBothDatabasesTest.impossible(),
                System.currentTimeMillis());
        WebConsoleSession admin = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
        Pattern longNumber = Pattern.compile("\\d{20,}");
        for (String path : new String[]{"/fleet/kiosks/kiosk-huge", "/fleet", "/api/fleet"}) {
            String body = http.toBlocking().retrieve(admin.on(HttpRequest.GET(path)));
            assertTrue(body.contains("kiosk-huge"), path);
            assertFalse(longNumber.matcher(body).find(), path + " shows a number of 20 digits or more");
        }
        String stats = http.toBlocking().retrieve(admin.on(HttpRequest.GET("/api/stats")));
        assertTrue(stats.contains("\"" + TelemetryStore.OUT_OF_RANGE + "\":5"), stats);
    }
}
