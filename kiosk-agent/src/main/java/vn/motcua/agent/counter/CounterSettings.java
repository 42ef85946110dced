package vn.motcua.agent.counter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import vn.motcua.device.PinHash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counter side on the desk's LAN: the counter console, the hall display and the ticket status page. Keys under
 * {@code agent.counter}; every one has a default.
 *
 * @param enabled            false serves nothing on the LAN (ticket QR codes then point at {@code publicUrl} anyway)
 * @param host               the LAN address to listen on
 * @param port               the LAN port; 0 picks a free one (tests)
 * @param publicUrl          how phones and the hall TV reach this server, e.g. {@code http://192.168.1.20:8090};
 *                           blank means the first site-local IPv4 address and the port
 * @param priorityEvery      the call rule: one priority ticket after every this many normal ones (0: priority first)
 * @param officerPins        {@code officerId:HASH} pairs, the hash written by {@code firmware-config hash-pin}, so
 *                           the PINs themselves are not stored on the kiosk; {@code officerId:PIN} (4-8 digits) is
 *                           accepted for a demo
 * @param pinAttempts        wrong PINs per officer before sign-in is refused for {@code pinLockout}
 * @param pinLockout         how long sign-in stays refused after too many wrong PINs
 * @param serviceTimeWindow  finished services per service averaged for the estimated wait
 * @param defaultServiceTime the service time assumed before any service has finished
 * @param recentCalls        calls the hall display lists under the current ones
 */
@ConfigurationProperties("agent.counter")
public record CounterSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "0.0.0.0") String host,
        @Bindable(defaultValue = "8090") int port,
        @Nullable String publicUrl,
        @Bindable(defaultValue = "3") int priorityEvery,
        @Nullable List<String> officerPins,
        @Bindable(defaultValue = "5") int pinAttempts,
        @Bindable(defaultValue = "5m") Duration pinLockout,
        @Bindable(defaultValue = "20") int serviceTimeWindow,
        @Bindable(defaultValue = "5m") Duration defaultServiceTime,
        @Bindable(defaultValue = "6") int recentCalls) {


    public CounterSettings {
        List<String> errors = new ArrayList<>();
        if (port < 0 || port > 65535) {
            errors.add("agent.counter.port " + port + " must be 0-65535");
        }
        if (priorityEvery < 0 || priorityEvery > 100) {
            errors.add("agent.counter.priority-every " + priorityEvery + " must be 0-100");
        }
        if (pinAttempts < 1 || pinAttempts > 100) {
            errors.add("agent.counter.pin-attempts " + pinAttempts + " must be 1-100");
        }
        if (serviceTimeWindow < 1 || serviceTimeWindow > 1000) {
            errors.add("agent.counter.service-time-window " + serviceTimeWindow + " must be 1-1000");
        }
        if (recentCalls < 0 || recentCalls > 50) {
            errors.add("agent.counter.recent-calls " + recentCalls + " must be 0-50");
        }
        if (defaultServiceTime == null || defaultServiceTime.isNegative() || defaultServiceTime.isZero()) {
            errors.add("agent.counter.default-service-time must be a positive duration, e.g. 5m");
        }
        if (pinLockout == null || pinLockout.isNegative()) {
            errors.add("agent.counter.pin-lockout must be a duration, e.g. 5m");
        }
        officerPins = officerPins == null ? List.of() : List.copyOf(officerPins);
        for (String pair : officerPins) {
            int colon = pair.indexOf(':');
            String stored = colon < 1 ? "" : pair.substring(colon + 1);
            if (colon < 1 || !(PinHash.isPin(stored) || PinHash.isHash(stored))) {
                errors.add("agent.counter.officer-pins entry '" + (colon < 1 ? pair : pair.substring(0, colon) + ":…")
                        + "' must be officerId:HASH (from firmware-config hash-pin) or, for a demo, officerId:PIN "
                        + "with a PIN of 4-8 digits");
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    public Map<String, String> pinsByOfficer() {
        Map<String, String> pins = new HashMap<>();
        for (String pair : officerPins) {
            int colon = pair.indexOf(':');
            pins.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return pins;
    }
}
