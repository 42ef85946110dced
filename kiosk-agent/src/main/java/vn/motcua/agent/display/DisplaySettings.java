package vn.motcua.agent.display;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hall display's live feed. Keys under {@code agent.counter.display}; every one has a default. A desk has one or
 * two hall TVs; the limits only stop a stranger on the LAN from opening streams without end.
 *
 * @param maxStreams           streams open at once, from every address; one more is answered 503
 * @param maxStreamsPerAddress streams open at once from one address; one more is answered 429
 * @param heartbeat            a comment line this often keeps an idle stream open through proxies and TVs, and
 *                             tells us when a display has gone
 * @param writeTimeout         a display that has not taken a write within this time is dropped (it reconnects
 *                             by itself if it is alive), so one stalled client cannot hold up the others
 */
@ConfigurationProperties("agent.counter.display")
public record DisplaySettings(
        @Bindable(defaultValue = "32") int maxStreams,
        @Bindable(defaultValue = "4") int maxStreamsPerAddress,
        @Bindable(defaultValue = "15s") Duration heartbeat,
        @Bindable(defaultValue = "10s") Duration writeTimeout) {

    public DisplaySettings {
        List<String> errors = new ArrayList<>();
        if (maxStreams < 1 || maxStreams > 10_000) {
            errors.add("agent.counter.display.max-streams " + maxStreams + " must be 1-10000");
        }
        if (maxStreamsPerAddress < 1 || maxStreamsPerAddress > maxStreams) {
            errors.add("agent.counter.display.max-streams-per-address " + maxStreamsPerAddress
                    + " must be 1-max-streams (" + maxStreams + ")");
        }
        if (heartbeat == null || heartbeat.toMillis() < 1 || heartbeat.toMinutes() > 10) {
            errors.add("agent.counter.display.heartbeat must be between 1ms and 10m, e.g. 15s");
        }
        if (writeTimeout == null || writeTimeout.toMillis() < 100 || writeTimeout.toMinutes() > 10) {
            errors.add("agent.counter.display.write-timeout must be between 100ms and 10m, e.g. 10s");
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }
}
