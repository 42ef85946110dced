package vn.motcua.central.fleet;

import jakarta.inject.Singleton;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts together what central knows of each kiosk: status, heartbeat, telemetry and open alerts. */
@Singleton
public class FleetService {
    private final EventStore store;
    private final TelemetryStore telemetry;
    private final AlertStore alerts;
    private final FleetConfig config;
    private final Clock clock = Clock.systemUTC();

    public FleetService(EventStore store, TelemetryStore telemetry, AlertStore alerts, FleetConfig config) {
        this.store = store;
        this.telemetry = telemetry;
        this.alerts = alerts;
        this.config = config;
    }

    public List<KioskView> views() {
        Map<String, TelemetryStore.Latest> latest = telemetry.all();
        Map<String, Integer> open = alerts.openCounts();
        long now = clock.millis();
        List<KioskView> out = new ArrayList<>();
        for (KioskState k : store.kiosks()) {
            TelemetryStore.Latest t = latest.get(k.kioskId());
            long lastHeard = Math.max(k.lastSeen() == null ? 0 : k.lastSeen().toEpochMilli(),
                    t == null ? 0 : t.receivedAt());
            boolean online = k.online() && (lastHeard == 0 || now - lastHeard < config.offlineAfter().toMillis());
            out.add(new KioskView(k.kioskId(), k.siteId(), online, lastHeard, k.version(),
                    t == null ? null : t.configVersion(), t == null ? null : t.printer(),
                    t == null ? null : t.diskPercent(), t == null ? null : t.cpuTemperatureC(),
                    t == null ? null : t.load1(), t == null ? null : t.memoryPercent(),
                    t == null ? null : t.queueLengths(), t == null ? null : t.outboxBacklog(),
                    t == null ? null : t.previousBacklog(), t == null ? null : t.lastAckSeq(), k.contiguousSeq(),
                    open.getOrDefault(k.kioskId(), 0)));
        }
        return out;
    }

    public Optional<KioskView> view(String kioskId) {
        return views().stream().filter(v -> v.kioskId().equals(kioskId)).findFirst();
    }
}
