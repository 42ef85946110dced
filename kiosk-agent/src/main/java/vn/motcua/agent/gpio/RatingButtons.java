package vn.motcua.agent.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.counter.CounterService;
import vn.motcua.agent.rating.RatingRequest;
import vn.motcua.agent.rating.RatingService;
import vn.motcua.agent.web.ApiException;
import vn.motcua.protocol.event.RatingLevel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Physical rating buttons at a counter. A press rates the counter's last served ticket that has no rating yet, so
 * the rating names who served; with none, or with no counter named, it is stored as an anonymous rating. The pins are
 * kiosk.yaml's {@code gpio.ratingButtons}, best level first. Presses within
 * {@code agent.gpio.rating-guard} of the last accepted one are ignored, so one citizen leaves one rating.
 */
@io.micronaut.context.annotation.Context
@Requires(property = "agent.gpio.enabled", value = "true")
public class RatingButtons {
    private static final Logger LOG = LoggerFactory.getLogger(RatingButtons.class);
    private static final List<RatingLevel> FIVE = List.of(RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED,
            RatingLevel.NEUTRAL, RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED);
    private static final List<RatingLevel> THREE = List.of(RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED,
            RatingLevel.DISSATISFIED);

    private final GpioSettings settings;
    private final RatingService ratings;
    private final CounterService counters;
    private final Clock clock;
    private final AtomicReference<Instant> lastAccepted = new AtomicReference<>(Instant.MIN);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rating-buttons");
        t.setDaemon(true);
        return t;
    });

    public RatingButtons(Wiring wiring, GpioSettings settings, RatingService ratings, CounterService counters,
                         Clock clock) {
        this.settings = settings;
        this.ratings = ratings;
        this.counters = counters;
        this.clock = clock;
        List<Integer> pins = wiring.pins().ratingButtons();
        if (pins.isEmpty()) {
            LOG.info("no rating buttons (gpio.ratingButtons: []): rating happens on the touchscreen only");
            return;
        }
        List<RatingLevel> levels = pins.size() == 5 ? FIVE : THREE;
        for (int i = 0; i < pins.size(); i++) {
            RatingLevel level = levels.get(i);
            DigitalInput in = wiring.button("rating-" + level.wireName(), pins.get(i));
            in.addListener(e -> {
                if (e.state() == DigitalState.LOW) {
                    pressed(level, levels.size());
                }
            });
        }
        LOG.info("rating buttons {}: {} levels on BCM {}", settings.ratingCounter() == null ? "of the kiosk"
                : "for counter " + settings.ratingCounter(), levels.size(), pins);
    }

    private void pressed(RatingLevel level, int scale) {
        Instant now = clock.instant();
        Instant last = lastAccepted.get();
        boolean guardOver = last == Instant.MIN || now.isBefore(last) || !now.isBefore(last.plus(settings.ratingGuard()));
        if (!guardOver || !lastAccepted.compareAndSet(last, now)) {
            return;
        }
        worker.execute(() -> record(level, scale));
    }

    private void record(RatingLevel level, int scale) {
        Optional<String> ticket = settings.ratingCounter() == null ? Optional.empty()
                : counters.lastServedUnrated(settings.ratingCounter());
        try {
            ratings.submit(new RatingRequest(ticket.orElse(null), settings.ratingCounter(), null, null, level, scale,
                    List.of(), null), null);
            LOG.info("rating button {} at counter {} ({})", level.wireName(), settings.ratingCounter(),
                    ticket.map(t -> "ticket " + t).orElse("anonymous"));
        } catch (ApiException e) {
            LOG.warn("rating button {} at counter {}: {}", level.wireName(), settings.ratingCounter(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
