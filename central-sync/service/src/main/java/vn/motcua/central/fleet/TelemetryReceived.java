package vn.motcua.central.fleet;

/**
 * A kiosk's telemetry has been stored; published on the MQTT callback thread, so listeners keep to quick work.
 *
 * @param configVersion the site configuration version the kiosk says it runs; null from agents that do not say
 */
public record TelemetryReceived(String siteId, String kioskId, Long configVersion) {
}
