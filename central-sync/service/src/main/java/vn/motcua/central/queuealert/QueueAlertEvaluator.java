package vn.motcua.central.queuealert;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.alert.AlertDetail;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.fleet.FleetConfig;
import vn.motcua.central.store.StoreException;
import vn.motcua.central.web.Html;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raises and clears the queue alerts (a long wait, a long queue, an idle counter) with the fleet's alerts' life
 * cycle: one open alert per kiosk, kind and subject, acknowledged by a person, cleared when the condition is gone.
 * Each run writes only what changed: the alerts raised in one transaction, those cleared in another.
 */
@Singleton
public class QueueAlertEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(QueueAlertEvaluator.class);
    private final LiveQueues queues;
    private final AlertStore alerts;
    private final FleetConfig config;
    private final Clock clock;

    public QueueAlertEvaluator(LiveQueues queues, AlertStore alerts, FleetConfig config, Clock clock) {
        this.queues = queues;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${central.fleet.evaluate-every:10s}", initialDelay = "2s")
    void scheduled() {
        try {
            evaluate();
        } catch (StoreException e) {
            LOG.warn("queue alerts not evaluated: {}", e.getMessage());
        }
    }

    /** Returns how many alerts were raised or cleared. */
    public int evaluate() {
        long now = clock.millis();
        long dayStart = LocalDate.ofInstant(Instant.ofEpochMilli(now), Html.ZONE).atStartOfDay(Html.ZONE)
                .toInstant().toEpochMilli();
        LiveQueues.State state = queues.read(dayStart, now - config.offlineAfter().toMillis(), now);
        Set<AlertStore.Open> open = alerts.open(AlertKind.QUEUE);
        Map<AlertStore.Open, AlertDetail> active = active(state, open, dayStart, now);
        Map<AlertStore.Open, AlertDetail> toRaise = new LinkedHashMap<>();
        for (Map.Entry<AlertStore.Open, AlertDetail> a : active.entrySet()) {
            if (!open.contains(a.getKey())) {
                toRaise.put(a.getKey(), a.getValue());
            }
        }
        List<AlertStore.Open> toClear = new ArrayList<>();
        for (AlertStore.Open o : open) {
            if (!active.containsKey(o)) {
                toClear.add(o);
            }
        }
        int changed = 0;
        for (AlertStore.Open o : toRaise.isEmpty() ? Set.<AlertStore.Open>of() : alerts.raise(toRaise, now)) {
            LOG.warn("alert raised: kiosk {} {} {} ({})", o.kiosk(), o.kind().wireName(), o.subject(),
                    toRaise.get(o).english());
            changed++;
        }
        for (AlertStore.Open o : toClear.isEmpty() ? Set.<AlertStore.Open>of() : alerts.clear(toClear, now)) {
            LOG.info("alert cleared: kiosk {} {} {}", o.kiosk(), o.kind().wireName(), o.subject());
            changed++;
        }
        return changed;
    }

    /**
     * The alerts that hold, each with its detail. A counter newly idle has its whole day's activity read, for the
     * detail says since when it called nobody and its latest ticket event may be older than what {@code read} reads.
     */
    private Map<AlertStore.Open, AlertDetail> active(LiveQueues.State state, Set<AlertStore.Open> open,
                                                     long dayStart, long now) {
        Map<AlertStore.Open, AlertDetail> active = QueueConditions.active(state.waiting(), state.activity(),
                state.signedIn(), state.rules(), now);
        List<LiveQueues.Counter> newlyIdle = new ArrayList<>();
        for (AlertStore.Open o : active.keySet()) {
            if (o.kind() == AlertKind.IDLE_COUNTER && !open.contains(o)) {
                newlyIdle.add(new LiveQueues.Counter(o.kiosk(), o.subject()));
            }
        }
        if (newlyIdle.isEmpty()) {
            return active;
        }
        LiveQueues.State exact = state.withActivity(queues.activity(newlyIdle, dayStart));
        return QueueConditions.active(exact.waiting(), exact.activity(), exact.signedIn(), exact.rules(), now);
    }
}
