package vn.motcua.central.report.integrity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * When a rating pattern is flagged ({@code central.reports.integrity.*}). Flags only mark ratings; none is ever
 * deleted or hidden.
 *
 * @param burstRatings        more than this many ratings on one kiosk within {@code burstWithin} is a burst
 * @param burstWithin         the window of a burst
 * @param longAfter           a rating given longer than this after its ticket was served (or called) is late
 * @param topShareSignificance an officer's or kiosk's share of the top level is flagged when the one-sided binomial
 *                            test against the rest of the site gives a p-value below this
 * @param topShareMinRatings  fewer ratings than this are never tested for the top-level share
 * @param passEvery           how often the sites' months marked due are recomputed into the kept monthly figures
 *                            ({@link IntegrityPass}); a report of whole months is at most about this much behind
 */
@ConfigurationProperties("central.reports.integrity")
public record IntegrityConfig(
        @Bindable(defaultValue = "5") int burstRatings,
        @Bindable(defaultValue = "60s") Duration burstWithin,
        @Bindable(defaultValue = "2h") Duration longAfter,
        @Bindable(defaultValue = "0.001") double topShareSignificance,
        @Bindable(defaultValue = "30") int topShareMinRatings,
        @Bindable(defaultValue = "30m") Duration passEvery) {

    public static IntegrityConfig defaults() {
        return new IntegrityConfig(5, Duration.ofSeconds(60), Duration.ofHours(2), 0.001, 30, Duration.ofMinutes(30));
    }
}
