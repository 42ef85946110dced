package vn.motcua.central.fleet;

import jakarta.inject.Singleton;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.KioskState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
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
    private final Clock clock;

    public FleetService(EventStore store, TelemetryStore telemetry, AlertStore alerts, FleetConfig config,
                        Clock clock) {
        this.clock = clock;
        this.store = store;
        this.telemetry = telemetry;
        this.alerts = alerts;
        this.config = config;
    }

    public List<KioskView> views() {
        Map<KioskKey, TelemetryStore.Latest> latest = telemetry.all();
        Map<KioskKey, Integer> open = alerts.openCounts();
        long now = clock.millis();
        List<KioskView> out = new ArrayList<>();
        for (KioskState k : store.kiosks()) {
            TelemetryStore.Latest t = latest.get(k.key());
            long lastHeard = Math.max(k.lastSeen() == null ? 0 : k.lastSeen().toEpochMilli(),
                    t == null ? 0 : t.receivedAt());
            boolean online = k.online() && (lastHeard == 0 || now - lastHeard < config.offlineAfter().toMillis());
            out.add(new KioskView(k.kioskId(), k.siteId(), online, lastHeard, k.version(),
                    t == null ? null : t.configVersion(), t == null ? null : t.printer(),
                    t == null ? null : t.diskPercent(), t == null ? null : t.cpuTemperatureC(),
                    t == null ? null : t.load1(), t == null ? null : t.memoryPercent(),
                    t == null ? null : t.queueLengths(), t == null ? null : t.outboxBacklog(),
                    t == null ? null : t.previousBacklog(), t == null ? null : t.lastAckSeq(), k.contiguousSeq(),
                    open.getOrDefault(k.key(), 0)));
        }
        return out;
    }

    public Optional<KioskView> view(KioskKey kiosk) {
        return views().stream().filter(v -> v.key().equals(kiosk)).findFirst();
    }

    /** The kiosks of every site that have this kiosk id, by site. */
    public List<KioskKey> withKioskId(String kioskId) {
        return store.kiosks().stream().filter(k -> k.kioskId().equals(kioskId)).map(KioskState::key).sorted()
                .toList();
    }

    /**
     * One page of the fleet as {@code query} asks. The whole fleet is read once, for the totals at the top of the page
     * that every filter leaves as they are; filtering, ordering and cutting happen on that snapshot.
     */
    public FleetPage page(FleetQuery query) {
        List<KioskView> all = views();
        int online = 0;
        int alerting = 0;
        java.util.TreeSet<String> sites = new java.util.TreeSet<>();
        List<KioskView> matching = new ArrayList<>();
        for (KioskView k : all) {
            sites.add(k.siteId());
            if (k.online()) {
                online++;
            }
            if (alerting(k)) {
                alerting++;
            }
            if (matches(query, k)) {
                matching.add(k);
            }
        }
        Comparator<KioskView> byId = Comparator.comparing(KioskView::kioskId).thenComparing(KioskView::siteId);
        matching.sort(FleetQuery.BY_KIOSK.equals(query.sort()) ? byId
                : Comparator.comparingInt(FleetService::problemRank).thenComparing(byId));
        int size = config.pageSize();
        int pages = Math.max(1, (matching.size() + size - 1) / size);
        int page = Math.min(query.page(), pages);
        int from = (page - 1) * size;
        List<KioskView> rows = List.copyOf(matching.subList(from, Math.min(matching.size(), from + size)));
        return new FleetPage(new FleetPage.Totals(all.size(), online, all.size() - online, alerting), rows,
                matching.size(), page, pages, size, List.copyOf(sites));
    }

    /**
     * The kiosks of {@code ids} (the rows a page shows, each {@code site/kiosk}, or a kiosk id alone for that id at
     * every site; null for all), with the whole fleet's totals.
     */
    public FleetPage rows(java.util.Set<String> ids) {
        List<KioskView> all = views();
        int online = 0;
        int alerting = 0;
        List<KioskView> rows = new ArrayList<>();
        for (KioskView k : all) {
            online += k.online() ? 1 : 0;
            alerting += alerting(k) ? 1 : 0;
            if (ids == null || ids.contains(k.key().toString()) || ids.contains(k.kioskId())) {
                rows.add(k);
            }
        }
        return new FleetPage(new FleetPage.Totals(all.size(), online, all.size() - online, alerting), rows,
                rows.size(), 1, 1, rows.size(), List.of());
    }

    static boolean matches(FleetQuery q, KioskView k) {
        if (q.site() != null && !q.site().equals(k.siteId())) {
            return false;
        }
        if (q.search() != null && !k.kioskId().toLowerCase(java.util.Locale.ROOT).contains(q.search())) {
            return false;
        }
        if (q.state() == null) {
            return true;
        }
        return switch (q.state()) {
            case FleetQuery.ONLINE -> k.online();
            case FleetQuery.OFFLINE -> !k.online();
            default -> alerting(k);
        };
    }

    /** A printer that cannot print: out of paper, cover open, not answering; low paper still prints. */
    static boolean printerFault(String printer) {
        return printer != null && !printer.equals("ok") && !printer.equals("paper_low");
    }

    static boolean alerting(KioskView k) {
        return k.openAlerts() > 0 || printerFault(k.printer());
    }

    /** Lower first: offline, then a printer that cannot print, then open alerts, then low paper, then the rest. */
    static int problemRank(KioskView k) {
        if (!k.online()) {
            return 0;
        }
        if (printerFault(k.printer())) {
            return 1;
        }
        if (k.openAlerts() > 0) {
            return 2;
        }
        return "paper_low".equals(k.printer()) ? 3 : 4;
    }
}
