package vn.motcua.central.ticketpage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The citizen's public ticket page ({@code central.public-page.*}).
 *
 * @param pollEvery             how often an open page's live stream reads its ticket; by default the pace of the
 *                              ticket-progress rollup ({@code central.public-page.rollup-every}), since what a page
 *                              shows cannot change faster than that and each read is a few queries per open page
 * @param streamFor             how long one live stream lasts; the browser reconnects by itself
 * @param staleAfter            a kiosk not heard from for this long makes the page say when its figures are from
 * @param requestsPerMinute     requests one client address may make per minute on {@code /t/}, on average
 * @param burst                 requests one client address may make at once
 * @param serviceSecondsDefault a service's time per citizen for the estimated wait when today has none served yet
 */
@ConfigurationProperties("central.public-page")
public record PublicPageConfig(
        @Bindable(defaultValue = "1s") Duration pollEvery,
        @Bindable(defaultValue = "10m") Duration streamFor,
        @Bindable(defaultValue = "2m") Duration staleAfter,
        @Bindable(defaultValue = "60") int requestsPerMinute,
        @Bindable(defaultValue = "20") int burst,
        @Bindable(defaultValue = "300") int serviceSecondsDefault) {

    public PublicPageConfig {
        if (pollEvery == null || pollEvery.toMillis() < 100) {
            throw new IllegalArgumentException("central.public-page.poll-every must be at least 100ms");
        }
        if (streamFor == null || streamFor.toSeconds() < 10) {
            throw new IllegalArgumentException("central.public-page.stream-for must be at least 10s");
        }
        if (staleAfter == null || staleAfter.isNegative()) {
            throw new IllegalArgumentException("central.public-page.stale-after must be 0s or more");
        }
        if (requestsPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("central.public-page.requests-per-minute and .burst must be at least 1,"
                    + " were " + requestsPerMinute + " and " + burst);
        }
        if (serviceSecondsDefault < 1) {
            throw new IllegalArgumentException("central.public-page.service-seconds-default must be at least 1");
        }
    }
}
