package vn.motcua.central.fleet;

/**
 * One kiosk (site and kiosk id) as the fleet page shows it. {@code online} combines the retained status (and its Last
 * Will) with the heartbeat time-out; {@code lastHeard} is epoch milliseconds, 0 when never.
 */
public record KioskView(String kioskId, String siteId, boolean online, long lastHeard, String version,
                        Long configVersion, String printer, Double diskPercent, Double temperatureC, Double load1,
                        Double memoryPercent, String queueLengths, Long backlog, Long previousBacklog,
                        Long lastAckSeq, long contiguousSeq, int openAlerts) {

    public vn.motcua.central.store.KioskKey key() {
        return new vn.motcua.central.store.KioskKey(siteId, kioskId);
    }
}
