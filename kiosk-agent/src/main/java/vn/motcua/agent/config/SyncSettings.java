package vn.motcua.agent.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox publisher and its MQTT session. Keys under {@code agent.sync}; every one has a default.
 *
 * @param enabled            false keeps the agent offline (no broker connection at all)
 * @param batchMaxEvents     events per published batch (the contract allows 500)
 * @param batchMaxBytes      bytes per batch, below the contract's 256 KiB
 * @param inflightMaxBatches batches published but not yet acknowledged by central
 * @param inflightMaxEvents  events published but not yet acknowledged by central
 * @param ackTimeout         without an advancing ack for this long, unacknowledged events are sent again
 * @param idleWait           longest the publisher sleeps when nothing wakes it
 * @param reconnectMinDelay  first reconnect delay; doubles per failure, with random jitter
 * @param reconnectMaxDelay  cap of the reconnect delay
 * @param sessionExpiry      how long the broker keeps this kiosk's session (cleanStart=false)
 * @param keepAlive          MQTT keep-alive; the Last Will fires after about 1.5 times this without traffic
 * @param connectTimeout     how long one connection attempt may take
 * @param shutdownTimeout    how long a clean shutdown waits for the offline status and the disconnect
 */
@ConfigurationProperties("agent.sync")
public record SyncSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "500") int batchMaxEvents,
        @Bindable(defaultValue = "204800") int batchMaxBytes,
        @Bindable(defaultValue = "16") int inflightMaxBatches,
        @Bindable(defaultValue = "8000") int inflightMaxEvents,
        @Bindable(defaultValue = "10s") Duration ackTimeout,
        @Bindable(defaultValue = "1s") Duration idleWait,
        @Bindable(defaultValue = "1s") Duration reconnectMinDelay,
        @Bindable(defaultValue = "30s") Duration reconnectMaxDelay,
        @Bindable(defaultValue = "1d") Duration sessionExpiry,
        @Bindable(defaultValue = "30s") Duration keepAlive,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "5s") Duration shutdownTimeout) {

    /** The contract's limits (EventBatch.MAX_EVENTS, MAX_BYTES). */
    public static final int CONTRACT_MAX_EVENTS = 500;
    public static final int CONTRACT_MAX_BYTES = 256 * 1024;

    public SyncSettings {
        List<String> errors = new ArrayList<>();
        range(errors, "batch-max-events", batchMaxEvents, 1, CONTRACT_MAX_EVENTS);
        range(errors, "batch-max-bytes", batchMaxBytes, 4096, CONTRACT_MAX_BYTES);
        range(errors, "inflight-max-batches", inflightMaxBatches, 1, 1000);
        range(errors, "inflight-max-events", inflightMaxEvents, 1, 1_000_000);
        positive(errors, "ack-timeout", ackTimeout);
        positive(errors, "idle-wait", idleWait);
        positive(errors, "reconnect-min-delay", reconnectMinDelay);
        positive(errors, "reconnect-max-delay", reconnectMaxDelay);
        positive(errors, "keep-alive", keepAlive);
        positive(errors, "connect-timeout", connectTimeout);
        positive(errors, "shutdown-timeout", shutdownTimeout);
        if (sessionExpiry == null || sessionExpiry.toSeconds() < 1 || sessionExpiry.toSeconds() > 0xFFFFFFFEL) {
            errors.add("agent.sync.session-expiry must be between 1s and about 136 years, got " + sessionExpiry);
        }
        if (reconnectMinDelay != null && reconnectMaxDelay != null && reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            errors.add("agent.sync.reconnect-max-delay (" + reconnectMaxDelay + ") must not be below reconnect-min-delay ("
                    + reconnectMinDelay + ")");
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }

    private static void range(List<String> errors, String key, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add("agent.sync." + key + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void positive(List<String> errors, String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            errors.add("agent.sync." + key + " must be a positive duration such as 10s, got " + value);
        }
    }
}
