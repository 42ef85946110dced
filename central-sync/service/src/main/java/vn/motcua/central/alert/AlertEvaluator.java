package vn.motcua.central.alert;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.fleet.FleetConfig;
import vn.motcua.central.fleet.FleetService;
import vn.motcua.central.fleet.KioskView;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.StoreException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raises and clears alerts from the fleet's state. Every central instance may run it: the store keeps one open alert
 * per kiosk and kind, so two instances raising the same alert make one.
 */
@Singleton
public class AlertEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    /** A sequence conflict stays on the fleet page for this long after the last conflicting event. */
    private static final Duration CONFLICT_SHOWN_FOR = Duration.ofDays(1);
    private final FleetService fleet;
    private final AlertStore alerts;
    private final FleetConfig config;
    private final Clock clock = Clock.systemUTC();

    public AlertEvaluator(FleetService fleet, AlertStore alerts, FleetConfig config) {
        this.fleet = fleet;
        this.alerts = alerts;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${central.fleet.evaluate-every:10s}", initialDelay = "1s")
    void scheduled() {
        try {
            evaluate();
        } catch (StoreException e) {
            LOG.warn("alerts not evaluated: {}", e.getMessage());
        }
    }

    public void evaluate() {
        long now = clock.millis();
        Map<KioskKey, Long> conflicts = alerts.seqConflictsSince(Instant.ofEpochMilli(now).minus(CONFLICT_SHOWN_FOR));
        for (KioskView k : fleet.views()) {
            Map<AlertKind, String> active = conditions(k, now);
            KioskKey kiosk = new KioskKey(k.siteId(), k.kioskId());
            Long conflicting = conflicts.get(kiosk);
            if (conflicting != null) {
                active.put(AlertKind.SEQ_CONFLICT, conflicting + " events under sequence numbers already held with "
                        + "other events (a replaced or restored SD card); both stored, listed in event_conflicts");
            }
            // an offline kiosk's last readings are stale: leave its other alerts as they are
            for (AlertKind kind : k.online() ? AlertKind.values()
                    : new AlertKind[]{AlertKind.OFFLINE, AlertKind.SEQ_CONFLICT}) {
                String detail = active.get(kind);
                if (detail != null) {
                    if (alerts.raise(kiosk, kind, detail, now)) {
                        LOG.warn("alert raised: kiosk {} {} ({})", kiosk, kind.wireName(), detail);
                    }
                } else if (alerts.clear(kiosk, kind, now)) {
                    LOG.info("alert cleared: kiosk {} {}", kiosk, kind.wireName());
                }
            }
        }
    }

    Map<AlertKind, String> conditions(KioskView k, long now) {
        Map<AlertKind, String> active = new EnumMap<>(AlertKind.class);
        if (!k.online()) {
            long offlineFor = k.lastHeard() == 0 ? Long.MAX_VALUE : now - k.lastHeard();
            if (offlineFor >= config.alertOfflineAfter().toMillis()) {
                active.put(AlertKind.OFFLINE, k.lastHeard() == 0 ? "never heard from"
                        : "offline for " + Math.max(0, offlineFor / 1000) + " s");
            }
            return active;
        }
        if ("paper_out".equals(k.printer())) {
            active.put(AlertKind.PAPER_OUT, "printer reports paper_out");
        }
        if (k.diskPercent() != null && k.diskPercent() > config.diskAlertPercent()) {
            active.put(AlertKind.DISK, String.format(Locale.ROOT, "disk %.1f %% used", k.diskPercent()));
        }
        if (k.temperatureC() != null && k.temperatureC() > config.temperatureAlertC()) {
            active.put(AlertKind.TEMPERATURE, String.format(Locale.ROOT, "CPU %.1f °C", k.temperatureC()));
        }
        if (k.backlog() != null && k.backlog() >= config.backlogAlertMin() && k.previousBacklog() != null
                && k.backlog() > k.previousBacklog()) {
            active.put(AlertKind.BACKLOG, "outbox backlog " + k.previousBacklog() + " → " + k.backlog());
        }
        return active;
    }
}
