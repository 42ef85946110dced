package vn.motcua.central.report;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Reports ({@code central.reports.*}).
 *
 * @param rollupEvery how often new ratings are added to the daily rollup (env {@code REPORTS_ROLLUP_EVERY})
 * @param rollupBatch events read per rollup transaction
 */
@ConfigurationProperties("central.reports")
public record ReportConfig(
        @Bindable(defaultValue = "30s") Duration rollupEvery,
        @Bindable(defaultValue = "5000") int rollupBatch) {
}
