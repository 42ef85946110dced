package vn.motcua.central.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How ingest rides out a database outage ({@code central.ingest.*}): a message is retried in place with back-off
 * from {@code storeRetryMinDelay} to {@code storeRetryMaxDelay} for up to {@code storeRetryFor}; after that the MQTT
 * connection is dropped without acknowledging it, so the broker redelivers it once the database is back.
 * {@code stallAfter}: {@code /api/health} says DOWN ("ingest stalled") when messages have waited that long, or been
 * left with the broker for redelivery that long, with nothing stored meanwhile. {@code connections} (env
 * {@code INGEST_CONNECTIONS}): MQTT connections per instance in the shared subscription to the kiosks' events, each
 * with its own writer and transaction, so the database is written by that many threads at once.
 */
@ConfigurationProperties("central.ingest")
public record IngestConfig(
        @Bindable(defaultValue = "200ms") Duration storeRetryMinDelay,
        @Bindable(defaultValue = "5s") Duration storeRetryMaxDelay,
        @Bindable(defaultValue = "30s") Duration storeRetryFor,
        @Bindable(defaultValue = "2m") Duration stallAfter,
        @Bindable(defaultValue = "1") int connections) {

    public static final int MAX_CONNECTIONS = 16;

    public IngestConfig {
        if (storeRetryMinDelay == null || storeRetryMinDelay.isNegative() || storeRetryMinDelay.isZero()) {
            throw new IllegalArgumentException("central.ingest.store-retry-min-delay must be a positive duration");
        }
        if (storeRetryMaxDelay == null || storeRetryMaxDelay.compareTo(storeRetryMinDelay) < 0) {
            throw new IllegalArgumentException(
                    "central.ingest.store-retry-max-delay must be at least store-retry-min-delay");
        }
        if (storeRetryFor == null || storeRetryFor.isNegative()) {
            throw new IllegalArgumentException("central.ingest.store-retry-for must not be negative");
        }
        if (stallAfter == null || stallAfter.toMillis() < 100) {
            throw new IllegalArgumentException("central.ingest.stall-after must be at least 100ms");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("central.ingest.connections (INGEST_CONNECTIONS) must be 1-"
                    + MAX_CONNECTIONS + ", was " + connections);
        }
    }
}
