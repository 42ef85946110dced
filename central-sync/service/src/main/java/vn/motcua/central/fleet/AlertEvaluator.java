package vn.motcua.central.fleet;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.alert.AlertDetail;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
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
    private final Clock clock;

    public AlertEvaluator(FleetService fleet, AlertStore alerts, FleetConfig config, Clock clock) {
        this.clock = clock;
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
            Map<AlertKind, AlertDetail> active = conditions(k, now);
            KioskKey kiosk = new KioskKey(k.siteId(), k.kioskId());
            Long conflicting = conflicts.get(kiosk);
            if (conflicting != null) {
                active.put(AlertKind.SEQ_CONFLICT, AlertDetail.of("seq_conflict", conflicting
                        + " events under sequence numbers already held with other events (a replaced or restored SD"
                        + " card); both stored, listed in event_conflicts", conflicting));
            }
            // an offline kiosk's last readings are stale: leave its other alerts as they are
            for (AlertKind kind : k.online() ? AlertKind.ofKiosk()
                    : new AlertKind[]{AlertKind.OFFLINE, AlertKind.SEQ_CONFLICT}) {
                AlertDetail detail = active.get(kind);
                if (detail != null) {
                    if (alerts.raise(kiosk, kind, detail, now)) {
                        LOG.warn("alert raised: kiosk {} {} ({})", kiosk, kind.wireName(), detail.english());
                    }
                } else if (alerts.clear(kiosk, kind, now)) {
                    LOG.info("alert cleared: kiosk {} {}", kiosk, kind.wireName());
                }
            }
        }
    }

    Map<AlertKind, AlertDetail> conditions(KioskView k, long now) {
        Map<AlertKind, AlertDetail> active = new EnumMap<>(AlertKind.class);
        if (!k.online()) {
            long offlineFor = k.lastHeard() == 0 ? Long.MAX_VALUE : now - k.lastHeard();
            if (offlineFor >= config.alertOfflineAfter().toMillis()) {
                long seconds = Math.max(0, offlineFor / 1000);
                active.put(AlertKind.OFFLINE, k.lastHeard() == 0 ? AlertDetail.of("never_heard", "never heard from")
                        : AlertDetail.of("offline", "offline for " + seconds + " s", seconds));
            }
            return active;
        }
        if ("paper_out".equals(k.printer())) {
            active.put(AlertKind.PAPER_OUT, AlertDetail.of("paper_out", "printer reports paper_out"));
        }
        if (k.diskPercent() != null && k.diskPercent() > config.diskAlertPercent()) {
            String used = String.format(Locale.ROOT, "%.1f", k.diskPercent());
            active.put(AlertKind.DISK, AlertDetail.of("disk", "disk " + used + " % used", used));
        }
        if (k.temperatureC() != null && k.temperatureC() > config.temperatureAlertC()) {
            String celsius = String.format(Locale.ROOT, "%.1f", k.temperatureC());
            active.put(AlertKind.TEMPERATURE, AlertDetail.of("temperature", "CPU " + celsius + " °C", celsius));
        }
        if (k.backlog() != null && k.backlog() >= config.backlogAlertMin() && k.previousBacklog() != null
                && k.backlog() > k.previousBacklog()) {
            active.put(AlertKind.BACKLOG, AlertDetail.of("backlog", "outbox backlog " + k.previousBacklog() + " → "
                    + k.backlog(), k.previousBacklog(), k.backlog()));
        }
        return active;
    }
}
