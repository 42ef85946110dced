package vn.motcua.central.report.officer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The kept lines of the officer's day of all sites ({@code central.reports.officer-lines.*}).
 *
 * @param refreshEvery how often the sites with due days are recomputed (env
 *                     {@code REPORTS_OFFICER_LINES_REFRESH_EVERY}); the all-sites report lags by about this much
 *                     when fewer sites are due than {@code sitesPerPass}
 * @param sitesPerPass sites recomputed per pass at most, those due longest first; each costs its due days, their
 *                     weeks and months computed as the one-site report does
 */
@ConfigurationProperties("central.reports.officer-lines")
public record OfficerLinesConfig(
        @Bindable(defaultValue = "1m") Duration refreshEvery,
        @Bindable(defaultValue = "300") int sitesPerPass) {

    public static OfficerLinesConfig defaults() {
        return new OfficerLinesConfig(Duration.ofMinutes(1), 300);
    }
}
