package vn.motcua.central.fleet;

import org.junit.jupiter.api.Test;
import vn.motcua.central.alert.AlertDetail;
import vn.motcua.central.alert.AlertKind;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertConditionsTest {
    private static final long NOW = 10_000_000;
    private final AlertEvaluator evaluator = new AlertEvaluator(null, null, new FleetConfig(Duration.ofSeconds(90),
            Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(2), 90, 80, 50, 100, "", "central-fleet"),
            Clock.systemUTC());

    private static KioskView kiosk(boolean online, long lastHeard, String printer, Double disk, Double temp,
                                   Long backlog, Long previous) {
        return new KioskView("k1", "s1", online, lastHeard, "1.0", 8L, printer, disk, temp, 0.1, 20.0, "{}", backlog,
                previous, 1L, 1, 0);
    }

    @Test
    void givenHealthyKiosk_whenEvaluated_thenNoAlert() {
        assertEquals(Map.of(), evaluator.conditions(kiosk(true, NOW, "ok", 50.0, 55.0, 3L, 2L), NOW));
    }

    @Test
    void givenOutOfPaperFullDiskHotCpuGrowingBacklog_whenEvaluated_thenEachRaised() {
        Map<AlertKind, AlertDetail> c = evaluator.conditions(kiosk(true, NOW, "paper_out", 91.0, 80.5, 60L, 55L),
                NOW);
        assertEquals(java.util.Set.of(AlertKind.PAPER_OUT, AlertKind.DISK, AlertKind.TEMPERATURE, AlertKind.BACKLOG),
                c.keySet());
    }

    @Test
    void givenThresholdsExactlyReachedOrBacklogShrinking_whenEvaluated_thenNotRaised() {
        assertEquals(Map.of(), evaluator.conditions(kiosk(true, NOW, "paper_low", 90.0, 80.0, 60L, 70L), NOW));
        assertEquals(Map.of(), evaluator.conditions(kiosk(true, NOW, "ok", null, null, 49L, 10L), NOW));
    }

    @Test
    void givenOfflineKiosk_whenOfflineLongerThanTheLimit_thenOfflineAlertOnly() {
        long sixMinutesAgo = NOW - Duration.ofMinutes(6).toMillis();
        Map<AlertKind, AlertDetail> c = evaluator.conditions(kiosk(false, sixMinutesAgo, "paper_out", 99.0, 90.0, 100L,
                1L), NOW);
        assertEquals(java.util.Set.of(AlertKind.OFFLINE), c.keySet());
        assertEquals(AlertDetail.of("offline", "offline for 360 s", 360), c.get(AlertKind.OFFLINE));
        assertEquals(Map.of(), evaluator.conditions(kiosk(false, NOW - 60_000, "ok", 1.0, 1.0, 0L, 0L), NOW),
                "offline for a minute is not yet an alert");
    }
}
