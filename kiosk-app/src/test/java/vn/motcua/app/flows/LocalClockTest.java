package vn.motcua.app.flows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.app.AppConfig;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen's clock shows the kiosk's local time, not the operating system's zone. */
class LocalClockTest {
    private static final ZoneId HO_CHI_MINH = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm'\n'dd/MM/yyyy");
    private TimeZone systemZone;
    private KioskHarness kiosk;

    @BeforeEach
    void systemOnUtc() {
        systemZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterEach
    void restore() {
        if (kiosk != null) {
            kiosk.close();
        }
        TimeZone.setDefault(systemZone);
    }

    @Test
    void givenSystemZoneUtc_whenKioskZoneIsHoChiMinh_thenClockShowsLocalTime() throws Exception {
        assertEquals(ZoneOffset.UTC, ZoneId.systemDefault().normalized());
        // the clock needs no agent; an unanswered address keeps the test from depending on one
        AppConfig base = KioskHarness.testConfig(URI.create("http://127.0.0.1:" + AgentProcess.freePort()));
        AppConfig config = new AppConfig(base.agentUrl(), base.idleTimeout(), base.staffPin(), base.requestTimeout(),
                base.retryInterval(), base.minutesPerTicket(), base.window(), base.languages(), HO_CHI_MINH,
                base.idleWarning());

        ZonedDateTime before = ZonedDateTime.now(HO_CHI_MINH);
        kiosk = KioskHarness.open(config, 1024, 600);
        String shown = kiosk.text("#clock");
        ZonedDateTime after = ZonedDateTime.now(HO_CHI_MINH);

        Set<String> local = new java.util.TreeSet<>(List.of(SHOWN.format(before), SHOWN.format(after)));
        assertTrue(local.contains(shown), "clock shows '" + shown + "', local time is one of " + local);
        assertFalse(shown.startsWith(SHOWN.format(after.withZoneSameInstant(ZoneOffset.UTC)).substring(0, 5)),
                "not the system's UTC time: " + shown);
    }
}
