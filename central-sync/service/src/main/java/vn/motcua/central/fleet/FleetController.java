package vn.motcua.central.fleet;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import vn.motcua.central.alert.Alert;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.web.Principal;
import vn.motcua.central.command.CommandService;
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;
import vn.motcua.protocol.Topics;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The fleet page, each kiosk's page and the alerts page, with the JSON and the live stream behind them. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class FleetController {
    private final FleetService fleet;
    private final AlertStore alerts;
    private final CommandStore commands;
    private final FleetConfig config;
    private final TelemetryStore telemetry;
    private final EventStore store;
    private final Views views;
    private final Clock clock;
    private static final int MAX_STREAM_IDS = 200;

    public FleetController(FleetService fleet, AlertStore alerts, CommandStore commands, FleetConfig config,
                           TelemetryStore telemetry, EventStore store, Views views, Clock clock) {
        this.views = views;
        this.clock = clock;
        this.store = store;
        this.telemetry = telemetry;
        this.fleet = fleet;
        this.alerts = alerts;
        this.commands = commands;
        this.config = config;
    }

    /** What the live stream sends: the whole fleet's totals and the kiosks the page shows. */
    public record StreamUpdate(FleetPage.Totals totals, List<KioskView> kiosks) {
    }

    @Get("/api/fleet")
    public List<KioskView> list() {
        return fleet.views();
    }

    /**
     * {@code ids}: the kiosks of the page, comma-separated, each {@code site/kiosk} (a kiosk id alone names that id at
     * every site); none means every kiosk. The page sends its own rows only, so a page of a 5,000-kiosk fleet is not
     * sent the 5,000 every two seconds.
     */
    @Get(value = "/api/fleet/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<StreamUpdate>> stream(@Nullable @QueryValue String ids) {
        Set<String> wanted = parseIds(ids);
        return Flux.interval(Duration.ZERO, config.streamEvery())
                .onBackpressureDrop()
                .publishOn(Schedulers.boundedElastic())
                .map(tick -> {
                    FleetPage rows = fleet.rows(wanted);
                    return Event.of(new StreamUpdate(rows.totals(), rows.kiosks())).name("fleet");
                });
    }

    static Set<String> parseIds(String ids) {
        if (ids == null || ids.isBlank()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids.split(",")) {
            int slash = id.indexOf('/');
            boolean valid = slash < 0 ? Topics.isValidId(id)
                    : Topics.isValidId(id.substring(0, slash)) && Topics.isValidId(id.substring(slash + 1));
            if (!valid) {
                throw new BadParameterException("ids", "comma-separated kiosks, each site/kiosk (or a kiosk id), "
                        + "ids of 1-64 of A-Z a-z 0-9 _ -");
            }
            out.add(id);
        }
        if (out.size() > MAX_STREAM_IDS) {
            throw new BadParameterException("ids", "at most " + MAX_STREAM_IDS + " kiosks");
        }
        return out;
    }

    @Get("/api/alerts")
    public List<Alert> alertList() {
        return alerts.recent(null, 200);
    }

    @Get(value = "/fleet", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> fleetPage(HttpRequest<?> request, @Nullable @QueryValue String site,
                                          @Nullable @QueryValue String state, @Nullable @QueryValue String q,
                                          @Nullable @QueryValue String sort, @Nullable @QueryValue String page) {
        Lang lang = Lang.of(request);
        Principal who = AuthFilter.principal(request);
        FleetQuery query = FleetQuery.parse(site, state, q, sort, page);
        FleetPage p = fleet.page(query);
        query = query.withPage(p.page());
        NumberFormat n = NumberFormat.getIntegerInstance(lang.locale());

        // the whole fleet, whatever the filter; each figure opens the kiosks it counts
        FleetPage.Totals t = p.totals();
        List<FleetViews.Total> totals = List.of(
                new FleetViews.Total("count-kiosks", "", n.format(t.kiosks()), "kiosks", "/fleet"),
                new FleetViews.Total("count-online", "on", n.format(t.online()), "online",
                        "/fleet" + FleetQuery.defaults().withState(FleetQuery.ONLINE).toQueryString()),
                new FleetViews.Total("count-offline", t.offline() > 0 ? "off" : "", n.format(t.offline()), "offline",
                        "/fleet" + FleetQuery.defaults().withState(FleetQuery.OFFLINE).toQueryString()),
                new FleetViews.Total("count-alerting", t.alerting() > 0 ? "warn" : "", n.format(t.alerting()),
                        "alerting", "/fleet" + FleetQuery.defaults().withState(FleetQuery.ALERTING).toQueryString()));
        boolean filtered = query.site() != null || query.state() != null || query.search() != null
                || !FleetQuery.BY_PROBLEMS.equals(query.sort());
        String empty = null;
        String emptyId = null;
        String showing = null;
        if (t.kiosks() == 0) {
            empty = lang.t("noKiosks");
        } else if (p.matching() == 0) {
            empty = lang.t("noMatch");
            emptyId = "no-match";
        } else {
            int from = (p.page() - 1) * p.pageSize() + 1;
            showing = lang.t("showing").replace("{a}", n.format(from))
                    .replace("{b}", n.format(from + p.kiosks().size() - 1)).replace("{n}", n.format(p.matching()));
        }
        FleetViews.FleetModel model = new FleetViews.FleetModel(totals, query, p.sites(),
                List.of(FleetQuery.ONLINE, FleetQuery.OFFLINE, FleetQuery.ALERTING),
                List.of(FleetQuery.BY_PROBLEMS, FleetQuery.BY_KIOSK), filtered, empty, emptyId, showing,
                pager(lang, query, p), COLUMNS, p.kiosks());
        return views.page("fleet/fleet.jte", new Frame(lang, who, lang.t("fleet"), "fleet"), model);
    }

    private static final List<FleetViews.Column> COLUMNS = List.of(new FleetViews.Column("kiosk", "kioskId"),
            new FleetViews.Column("site", "siteId"), new FleetViews.Column("state", "state"),
            new FleetViews.Column("lastSeen", "lastHeard"), new FleetViews.Column("version", "version"),
            new FleetViews.Column("config", "configVersion"), new FleetViews.Column("printer", "printer"),
            new FleetViews.Column("disk", "diskPercent"), new FleetViews.Column("temperature", "temperatureC"),
            new FleetViews.Column("backlog", "backlog"), new FleetViews.Column("lastAck", "lastAckSeq"),
            new FleetViews.Column("alerts", "openAlerts"));

    /** First, previous, the pages around this one, next and last; nothing when there is one page. */
    static List<FleetViews.PageLink> pager(Lang lang, FleetQuery q, FleetPage p) {
        List<FleetViews.PageLink> links = new ArrayList<>();
        if (p.pages() <= 1) {
            return links;
        }
        links.add(pageLink(q, p.page() - 1, p, "‹ " + lang.t("previous"), "prev"));
        int from = Math.max(1, p.page() - 2);
        int to = Math.min(p.pages(), p.page() + 2);
        if (from > 1) {
            links.add(pageLink(q, 1, p, "1", null));
            if (from > 2) {
                links.add(new FleetViews.PageLink("gap", "…", null, null, 0));
            }
        }
        for (int i = from; i <= to; i++) {
            links.add(pageLink(q, i, p, String.valueOf(i), null));
        }
        if (to < p.pages()) {
            if (to < p.pages() - 1) {
                links.add(new FleetViews.PageLink("gap", "…", null, null, 0));
            }
            links.add(pageLink(q, p.pages(), p, String.valueOf(p.pages()), null));
        }
        links.add(pageLink(q, p.page() + 1, p, lang.t("next") + " ›", "next"));
        return links;
    }

    private static FleetViews.PageLink pageLink(FleetQuery q, int target, FleetPage p, String text, String rel) {
        if (target < 1 || target > p.pages()) {
            return new FleetViews.PageLink("disabled", text, null, null, target);
        } else if (target == p.page() && rel == null) {
            return new FleetViews.PageLink("current", text, null, null, target);
        }
        return new FleetViews.PageLink("link", text, q.withPage(target).toQueryString(), rel, target);
    }

    /** A kiosk's page: the kiosk is the pair of site and kiosk id. */
    static String kioskPath(KioskKey kiosk) {
        return FleetViews.kioskPath(kiosk);
    }

    /**
     * The older address of a kiosk's page, by kiosk id alone: sent on to the kiosk's page when one site only has that
     * id, a list of the sites that have it when several do.
     */
    @Get(value = "/fleet/kiosks/{kioskId}", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> kioskPageById(HttpRequest<?> request, @PathVariable String kioskId) {
        requireKioskId(kioskId);
        List<KioskKey> found = fleet.withKioskId(kioskId);
        if (found.size() == 1) {
            return HttpResponse.<String>seeOther(java.net.URI.create(kioskPath(found.get(0))));
        }
        Lang lang = Lang.of(request);
        Frame frame = new Frame(lang, AuthFilter.principal(request), kioskId, "fleet");
        if (found.isEmpty()) {
            return views.page("fleet/kioskNotFound.jte", frame).status(404);
        }
        return views.page("fleet/kioskSites.jte", frame, new FleetViews.KioskSites(kioskId, found)).status(409);
    }

    @Get(value = "/fleet/sites/{siteId}/kiosks/{kioskId}", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> kioskPage(HttpRequest<?> request, @PathVariable String siteId,
                                          @PathVariable String kioskId) {
        Lang lang = Lang.of(request);
        Principal who = AuthFilter.principal(request);
        if (!Topics.isValidId(siteId)) {
            throw new BadParameterException("siteId", "must be 1-64 of A-Z a-z 0-9 _ -");
        }
        requireKioskId(kioskId);
        Optional<KioskView> found = fleet.view(new KioskKey(siteId, kioskId));
        if (found.isEmpty()) {
            return views.page("fleet/kioskNotFound.jte", new Frame(lang, who, kioskId, "fleet")).status(404);
        }
        KioskView k = found.get();
        List<FleetViews.Fact> facts = List.of(
                new FleetViews.Fact("site", FleetViews.text(k.siteId())),
                new FleetViews.Fact("lastSeen", Html.time(k.lastHeard())),
                new FleetViews.Fact("version", FleetViews.text(k.version())),
                new FleetViews.Fact("config", k.configVersion() == null ? "" : String.valueOf(k.configVersion())),
                new FleetViews.Fact("printer", FleetViews.text(k.printer())),
                new FleetViews.Fact("disk", FleetViews.pct(k.diskPercent())),
                new FleetViews.Fact("temperature", FleetViews.temp(k.temperatureC())),
                new FleetViews.Fact("load", k.load1() == null ? "" : String.format(Locale.ROOT, "%.2f", k.load1())),
                new FleetViews.Fact("memory", FleetViews.pct(k.memoryPercent())),
                new FleetViews.Fact("queues", k.queueLengths() == null || k.queueLengths().equals("{}") ? ""
                        : k.queueLengths().replaceAll("[{}\"]", "").replace(",", ", ")),
                new FleetViews.Fact("backlog", k.backlog() == null ? "" : String.valueOf(k.backlog())),
                new FleetViews.Fact("lastAck", k.lastAckSeq() == null ? "" : String.valueOf(k.lastAckSeq())));

        List<TelemetryStore.Point> history = telemetry.history(k.key(),
                clock.millis() - Duration.ofHours(24).toMillis());
        List<FleetViews.Chart> charts = List.of(
                chart("chart-temperature", lang.t("temperature") + " (°C)", history,
                        TelemetryStore.Point::cpuTemperatureC),
                chart("chart-disk", lang.t("disk") + " (%)", history, TelemetryStore.Point::diskPercent),
                chart("chart-backlog", lang.t("backlog"), history, p -> (double) p.backlog()),
                chart("chart-load", lang.t("load"), history, TelemetryStore.Point::load1));
        FleetViews.KioskModel model = new FleetViews.KioskModel(k, facts, charts, who.role().canSendCommands(),
                CommandService.TYPES, commandsPath(k.key()), commands.forKiosk(k.key(), 50),
                alerts.recent(k.key(), 50), store.quarantined(k.siteId(), k.kioskId(), 50));
        return views.page("fleet/kiosk.jte",
                new Frame(lang, who, lang.t("kiosk") + " " + k.siteId() + "/" + k.kioskId(), "fleet"), model);
    }

    /** A line over the last 24 hours, drawn as SVG by the page; gaps where the kiosk sent nothing. */
    private FleetViews.Chart chart(String id, String title, List<TelemetryStore.Point> points,
                                   java.util.function.Function<TelemetryStore.Point, Double> value) {
        int w = 320;
        int h = 110;
        int pad = 22;
        long end = clock.millis();
        long start = end - Duration.ofHours(24).toMillis();
        double max = 0;
        for (TelemetryStore.Point p : points) {
            Double v = value.apply(p);
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        double top = max <= 0 ? 1 : max * 1.1;
        StringBuilder path = new StringBuilder();
        long previous = Long.MIN_VALUE;
        int drawn = 0;
        double lastX = 0;
        double lastY = 0;
        for (TelemetryStore.Point p : points) {
            Double v = value.apply(p);
            if (v == null) {
                previous = Long.MIN_VALUE;
                continue;
            }
            double x = pad + (double) (w - pad) * (p.bucket() - start) / (end - start);
            double y = (h - pad) - (h - pad - 12) * v / top;
            boolean gap = previous == Long.MIN_VALUE || p.bucket() - previous > 2 * TelemetryStore.BUCKET_MILLIS;
            path.append(gap ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
            previous = p.bucket();
            drawn++;
            lastX = x;
            lastY = y;
        }
        // the latest reading is marked, so that a kiosk with a single reading still shows one
        return new FleetViews.Chart(id, title, w, h, pad, String.format(Locale.ROOT, "%.1f", top),
                path.toString().trim(), drawn > 0, String.format(Locale.ROOT, "%.1f", lastX),
                String.format(Locale.ROOT, "%.1f", lastY));
    }

    static String commandsPath(KioskKey kiosk) {
        return "/api/sites/" + kiosk.siteId() + "/kiosks/" + kiosk.kioskId() + "/commands";
    }

    @Get(value = "/alerts", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> alertsPage(HttpRequest<?> request) {
        Lang lang = Lang.of(request);
        Principal who = AuthFilter.principal(request);
        return views.page("fleet/alerts.jte", new Frame(lang, who, lang.t("alerts"), "alerts"),
                alerts.recent(null, 200));
    }

    static void requireKioskId(String kioskId) {
        if (!Topics.isValidId(kioskId)) {
            throw new BadParameterException("kioskId", "must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }
}
