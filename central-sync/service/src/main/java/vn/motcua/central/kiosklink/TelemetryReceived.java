package vn.motcua.central.kiosklink;

import java.util.List;

/**
 * A kiosk's telemetry has been stored; published on the MQTT callback thread, so listeners keep to quick work.
 *
 * @param configVersion the site configuration version the kiosk says it runs; null from agents that do not say
 * @param countersSignedIn the counters signed in on the kiosk's counter console; null from agents that do not say
 */
public record TelemetryReceived(String siteId, String kioskId, Long configVersion, List<String> countersSignedIn) {
    /** From an agent that does not say which counters are signed in. */
    public TelemetryReceived(String siteId, String kioskId, Long configVersion) {
        this(siteId, kioskId, configVersion, null);
    }
}
