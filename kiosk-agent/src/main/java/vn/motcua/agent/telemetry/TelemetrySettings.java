package vn.motcua.agent.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Telemetry ({@code agent.telemetry.*}).
 *
 * @param interval     how often telemetry is published (env {@code AGENT_TELEMETRY_INTERVAL})
 * @param thermalZone  the kernel's CPU temperature in millidegrees; absent on most PCs, then no temperature is sent
 * @param meminfo      the kernel's memory figures
 */
@ConfigurationProperties("agent.telemetry")
public record TelemetrySettings(
        @Bindable(defaultValue = "30s") Duration interval,
        @Bindable(defaultValue = "/sys/class/thermal/thermal_zone0/temp") String thermalZone,
        @Bindable(defaultValue = "/proc/meminfo") String meminfo) {

    public TelemetrySettings {
        if (interval == null || interval.toMillis() < 500 || interval.toHours() > 1) {
            throw new IllegalArgumentException("agent.telemetry.interval (AGENT_TELEMETRY_INTERVAL) must be 500ms-1h, "
                    + "was " + interval);
        }
    }
}
