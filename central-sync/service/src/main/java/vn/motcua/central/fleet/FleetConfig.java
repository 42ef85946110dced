package vn.motcua.central.fleet;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Fleet monitoring ({@code central.fleet.*}).
 *
 * @param offlineAfter        a kiosk not heard from (telemetry, status, events) for this long is offline even if its
 *                            retained status still says online: the heartbeat inactivity time-out (env
 *                            {@code FLEET_OFFLINE_AFTER})
 * @param alertOfflineAfter   an offline kiosk raises an alert once it has been offline this long (env
 *                            {@code FLEET_ALERT_OFFLINE_AFTER})
 * @param evaluateEvery       how often alerts are evaluated (env {@code FLEET_EVALUATE_EVERY})
 * @param streamEvery         how often the fleet page's live stream sends the fleet
 * @param diskAlertPercent    disk use above which an alert is raised
 * @param temperatureAlertC   CPU temperature above which an alert is raised
 * @param backlogAlertMin     an outbox backlog at least this large that grew since the previous reading raises an alert
 * @param pageSize            kiosks per page of the fleet page
 * @param mqttClientId        MQTT client id of the fleet connection, and so the name of its persistent broker session
 *                            (env {@code FLEET_MQTT_CLIENT_ID}); blank means {@code central-fleet-<instance id>}, or
 *                            without an instance id {@code central-fleet-<host name>-<HTTP port>}: stable across
 *                            restarts, and distinct for two instances on one host
 * @param shareGroup          the shared-subscription group of telemetry and command results: instances of one
 *                            deployment share it, so each message reaches one of them
 */
@ConfigurationProperties("central.fleet")
public record FleetConfig(
        @Bindable(defaultValue = "90s") Duration offlineAfter,
        @Bindable(defaultValue = "5m") Duration alertOfflineAfter,
        @Bindable(defaultValue = "10s") Duration evaluateEvery,
        @Bindable(defaultValue = "2s") Duration streamEvery,
        @Bindable(defaultValue = "90") double diskAlertPercent,
        @Bindable(defaultValue = "80") double temperatureAlertC,
        @Bindable(defaultValue = "50") long backlogAlertMin,
        @Bindable(defaultValue = "100") int pageSize,
        @Bindable(defaultValue = "") String mqttClientId,
        @Bindable(defaultValue = "central-fleet") String shareGroup) {

    public FleetConfig {
        if (offlineAfter == null || offlineAfter.toMillis() < 1000) {
            throw new IllegalArgumentException("central.fleet.offline-after (FLEET_OFFLINE_AFTER) must be at least 1s");
        }
        if (alertOfflineAfter == null || alertOfflineAfter.isNegative()) {
            throw new IllegalArgumentException("central.fleet.alert-offline-after must be 0s or more");
        }
        if (evaluateEvery == null || evaluateEvery.toMillis() < 100) {
            throw new IllegalArgumentException("central.fleet.evaluate-every must be at least 100ms");
        }
        if (streamEvery == null || streamEvery.toMillis() < 100) {
            throw new IllegalArgumentException("central.fleet.stream-every must be at least 100ms");
        }
        if (pageSize < 10 || pageSize > 200) {
            throw new IllegalArgumentException("central.fleet.page-size must be 10-200, was " + pageSize);
        }
        mqttClientId = mqttClientId == null ? "" : mqttClientId.trim();
        if (!mqttClientId.isEmpty() && !mqttClientId.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException("central.fleet.mqtt-client-id (FLEET_MQTT_CLIENT_ID) '" + mqttClientId
                    + "' must be 1-128 of A-Z a-z 0-9 _ . -");
        }
        if (shareGroup == null || !shareGroup.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("central.fleet.share-group '" + shareGroup
                    + "' must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }
}
