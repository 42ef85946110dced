package vn.motcua.central.report;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Reports ({@code central.reports.*}).
 *
 * @param rollupEvery       how often new ratings are added to the daily rollup (env {@code REPORTS_ROLLUP_EVERY})
 * @param rollupBatch       events read per rollup transaction
 * @param rollupBehindAfter a rollup whose oldest event not yet rolled up was stored longer ago than this is behind,
 *                          and {@link RollupHealth} says so (env {@code REPORTS_ROLLUP_BEHIND_AFTER}); keep it well
 *                          above {@code rollupEvery}
 */
@ConfigurationProperties("central.reports")
public record ReportConfig(
        @Bindable(defaultValue = "30s") Duration rollupEvery,
        @Bindable(defaultValue = "5000") int rollupBatch,
        @Bindable(defaultValue = "10m") Duration rollupBehindAfter) {
}
