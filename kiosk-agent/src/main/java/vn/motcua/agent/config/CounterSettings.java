package vn.motcua.agent.config;

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
import java.util.regex.Pattern;

/**
 * The counter side on the desk's LAN: the counter console, the hall display and the ticket status page. Keys under
 * {@code agent.counter}; every one has a default.
 *
 * @param enabled            false serves nothing on the LAN (ticket QR codes then point at {@code publicUrl} anyway)
 * @param host               the address the LAN pages listen on, an IP address of this kiosk. {@code 0.0.0.0}
 *                           (every interface) by default, because the counter PCs, the hall TV and citizens'
 *                           phones reach these pages over the desk's LAN; set the kiosk's LAN address (e.g.
 *                           {@code 192.168.1.20}) to keep them off any other network the kiosk is on, or
 *                           {@code 127.0.0.1} to serve the kiosk itself only. Plain HTTP: the desk's LAN is the
 *                           trust boundary
 * @param port               the LAN port; 0 picks a free one (tests)
 * @param publicUrl          how phones and the hall TV reach this server, e.g. {@code http://192.168.1.20:8090};
 *                           blank means the first site-local IPv4 address and the port
 * @param priorityEvery      the call rule: one priority ticket after every this many normal ones (0: priority first)
 * @param officerPins        {@code officerId:HASH} pairs, the hash written by {@code firmware-config hash-pin}, so
 *                           the PINs themselves are not stored on the kiosk; {@code officerId:PIN} (4-8 digits) is
 *                           accepted for a demo. Wrong PINs are throttled as {@code agent.counter.sign-in} says
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
        @Bindable(defaultValue = "20") int serviceTimeWindow,
        @Bindable(defaultValue = "5m") Duration defaultServiceTime,
        @Bindable(defaultValue = "6") int recentCalls) {
    /** IPv4 dotted quad or an IPv6 literal; no host names, so what is bound does not depend on DNS at start-up. */
    private static final Pattern IP_LITERAL =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])"
                    + "|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    public CounterSettings {
        List<String> errors = new ArrayList<>();
        if (port < 0 || port > 65535) {
            errors.add("agent.counter.port " + port + " must be 0-65535");
        }
        if (priorityEvery < 0 || priorityEvery > 100) {
            errors.add("agent.counter.priority-every " + priorityEvery + " must be 0-100");
        }
        if (host == null || !IP_LITERAL.matcher(host).matches()) {
            errors.add("agent.counter.host '" + host + "' must be an IP address of this kiosk: 0.0.0.0 for every "
                    + "interface, its LAN address such as 192.168.1.20, or 127.0.0.1");
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

    /** Whether {@code host} is the wildcard address, so the pages answer on every network the kiosk is on. */
    public boolean listensOnEveryInterface() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
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
