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
import vn.motcua.central.auth.Principal;
import vn.motcua.central.command.CommandRecord;
import vn.motcua.central.command.CommandService;
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.QuarantinedEvent;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.protocol.Topics;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static vn.motcua.central.web.Html.esc;

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
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Locale VI = Locale.forLanguageTag("vi");
    private static final int MAX_STREAM_IDS = 200;

    public FleetController(FleetService fleet, AlertStore alerts, CommandStore commands, FleetConfig config,
                           TelemetryStore telemetry, EventStore store) {
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
        NumberFormat n = NumberFormat.getIntegerInstance(lang == Lang.VI ? VI : Locale.ENGLISH);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(lang.t("fleet"))).append(" <small class=\"live\" id=\"live\">● ")
                .append(esc(lang.t("live"))).append("</small></h1>");

        // the whole fleet, whatever the filter; each figure opens the kiosks it counts
        FleetPage.Totals t = p.totals();
        b.append("<div class=\"totals\" id=\"totals\">");
        total(b, "count-kiosks", "", n.format(t.kiosks()), lang.t("kiosks"), "/fleet");
        total(b, "count-online", "on", n.format(t.online()), lang.t("online"),
                "/fleet" + FleetQuery.defaults().withState(FleetQuery.ONLINE).toQueryString());
        total(b, "count-offline", t.offline() > 0 ? "off" : "", n.format(t.offline()), lang.t("offline"),
                "/fleet" + FleetQuery.defaults().withState(FleetQuery.OFFLINE).toQueryString());
        total(b, "count-alerting", t.alerting() > 0 ? "warn" : "", n.format(t.alerting()), lang.t("alerting"),
                "/fleet" + FleetQuery.defaults().withState(FleetQuery.ALERTING).toQueryString());
        b.append("</div>");

        filterForm(b, lang, query, p.sites());

        if (t.kiosks() == 0) {
            b.append("<p class=\"empty\">").append(esc(lang.t("noKiosks"))).append("</p>");
        } else if (p.matching() == 0) {
            b.append("<p class=\"empty\" id=\"no-match\">").append(esc(lang.t("noMatch"))).append("</p>");
        } else {
            int from = (p.page() - 1) * p.pageSize() + 1;
            b.append("<p class=\"muted\" id=\"showing\">").append(esc(lang.t("showing")
                    .replace("{a}", n.format(from))
                    .replace("{b}", n.format(from + p.kiosks().size() - 1))
                    .replace("{n}", n.format(p.matching())))).append("</p>");
        }
        pager(b, lang, query, p, "pager-top");
        b.append("<div class=\"scroll\"><table class=\"grid fleet\" id=\"fleet\" data-online=\"")
                .append(esc(lang.t("online"))).append("\" data-offline=\"").append(esc(lang.t("offline")))
                .append("\"><thead><tr>");
        for (String[] h : COLUMNS) {
            b.append("<th data-f=\"").append(h[1]).append("\">").append(esc(lang.t(h[0]))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (KioskView k : p.kiosks()) {
            row(b, k);
        }
        b.append("</tbody></table></div>");
        pager(b, lang, query, p, "pager-bottom");
        return Html.ok(lang, Html.page(lang, who, lang.t("fleet"), "fleet", b.toString()));
    }

    private static final String[][] COLUMNS = {{"kiosk", "kioskId"}, {"site", "siteId"}, {"state", "state"},
            {"lastSeen", "lastHeard"}, {"version", "version"}, {"config", "configVersion"}, {"printer", "printer"},
            {"disk", "diskPercent"}, {"temperature", "temperatureC"}, {"backlog", "backlog"},
            {"lastAck", "lastAckSeq"}, {"alerts", "openAlerts"}};

    private static void total(StringBuilder b, String id, String cls, String value, String label, String href) {
        b.append("<a class=\"total\" href=\"").append(esc(href)).append("\"><b id=\"").append(id).append("\" class=\"")
                .append(cls).append("\">").append(value).append("</b><span>").append(esc(label))
                .append("</span></a>");
    }

    private static void filterForm(StringBuilder b, Lang lang, FleetQuery q, List<String> sites) {
        b.append("<form class=\"filters\" id=\"fleet-filter\" method=\"get\" action=\"/fleet\"><label>")
                .append(esc(lang.t("site"))).append(" <select name=\"site\" id=\"filter-site\"><option value=\"\">")
                .append(esc(lang.t("allSites"))).append("</option>");
        for (String s : sites) {
            b.append("<option").append(s.equals(q.site()) ? " selected" : "").append(">").append(esc(s))
                    .append("</option>");
        }
        b.append("</select></label><label>").append(esc(lang.t("state")))
                .append(" <select name=\"state\" id=\"filter-state\"><option value=\"\">")
                .append(esc(lang.t("allStates"))).append("</option>");
        for (String s : List.of(FleetQuery.ONLINE, FleetQuery.OFFLINE, FleetQuery.ALERTING)) {
            b.append("<option value=\"").append(s).append("\"").append(s.equals(q.state()) ? " selected" : "")
                    .append(">").append(esc(lang.t(s))).append("</option>");
        }
        b.append("</select></label><label>").append(esc(lang.t("sortBy")))
                .append(" <select name=\"sort\" id=\"filter-sort\">");
        for (String s : List.of(FleetQuery.BY_PROBLEMS, FleetQuery.BY_KIOSK)) {
            b.append("<option value=\"").append(s).append("\"").append(s.equals(q.sort()) ? " selected" : "")
                    .append(">").append(esc(lang.t("sort." + s))).append("</option>");
        }
        b.append("</select></label><label>").append(esc(lang.t("kiosk")))
                .append(" <input type=\"search\" name=\"q\" id=\"filter-q\" maxlength=\"64\" pattern=\"[A-Za-z0-9_\\-]*\"")
                .append(" value=\"").append(esc(q.search() == null ? "" : q.search())).append("\" placeholder=\"")
                .append(esc(lang.t("searchKiosk"))).append("\"></label><button type=\"submit\" id=\"filter-apply\">")
                .append(esc(lang.t("filter"))).append("</button>");
        if (q.site() != null || q.state() != null || q.search() != null || !FleetQuery.BY_PROBLEMS.equals(q.sort())) {
            b.append("<a class=\"button\" id=\"filter-clear\" href=\"/fleet\">").append(esc(lang.t("clearFilter")))
                    .append("</a>");
        }
        b.append("</form>");
    }

    /** First, previous, the pages around this one, next and last; nothing when there is one page. */
    private static void pager(StringBuilder b, Lang lang, FleetQuery q, FleetPage p, String id) {
        if (p.pages() <= 1) {
            return;
        }
        b.append("<nav class=\"pager\" id=\"").append(id).append("\" aria-label=\"").append(esc(lang.t("pages")))
                .append("\">");
        pageLink(b, q, p.page() - 1, p, "‹ " + lang.t("previous"), "prev");
        int from = Math.max(1, p.page() - 2);
        int to = Math.min(p.pages(), p.page() + 2);
        if (from > 1) {
            pageLink(b, q, 1, p, "1", null);
            if (from > 2) {
                b.append("<span class=\"gap\">…</span>");
            }
        }
        for (int i = from; i <= to; i++) {
            pageLink(b, q, i, p, String.valueOf(i), null);
        }
        if (to < p.pages()) {
            if (to < p.pages() - 1) {
                b.append("<span class=\"gap\">…</span>");
            }
            pageLink(b, q, p.pages(), p, String.valueOf(p.pages()), null);
        }
        pageLink(b, q, p.page() + 1, p, lang.t("next") + " ›", "next");
        b.append("</nav>");
    }

    private static void pageLink(StringBuilder b, FleetQuery q, int target, FleetPage p, String text, String rel) {
        if (target < 1 || target > p.pages()) {
            b.append("<span class=\"disabled\">").append(esc(text)).append("</span>");
        } else if (target == p.page() && rel == null) {
            b.append("<span class=\"current\" aria-current=\"page\">").append(esc(text)).append("</span>");
        } else {
            b.append("<a href=\"/fleet").append(esc(q.withPage(target).toQueryString())).append("\"")
                    .append(rel == null ? "" : " rel=\"" + rel + "\"").append(" data-page=\"").append(target)
                    .append("\">").append(esc(text)).append("</a>");
        }
    }

    private static void row(StringBuilder b, KioskView k) {
        b.append("<tr id=\"k-").append(esc(k.key().toString())).append("\" data-kiosk=\"")
                .append(esc(k.key().toString())).append("\"")
                .append(FleetService.problemRank(k) <= 2 ? " class=\"problem\"" : "")
                .append("><td data-f=\"kioskId\"><a href=\"").append(esc(kioskPath(k.key()))).append("\">")
                .append(esc(k.kioskId())).append("</a></td><td data-f=\"siteId\">").append(esc(k.siteId()))
                .append("</td>")
                .append("<td data-f=\"state\" class=\"").append(k.online() ? "on" : "off").append("\"></td>")
                .append("<td data-f=\"lastHeard\" data-ms=\"").append(k.lastHeard()).append("\">")
                .append(Html.time(k.lastHeard())).append("</td>")
                .append("<td data-f=\"version\">").append(dash(esc(k.version()))).append("</td>")
                .append("<td data-f=\"configVersion\">").append(dash(k.configVersion()))
                .append("</td><td data-f=\"printer\" class=\"").append(printerClass(k.printer())).append("\">")
                .append(dash(esc(k.printer()))).append("</td>")
                .append("<td data-f=\"diskPercent\">").append(dash(pct(k.diskPercent()))).append("</td>")
                .append("<td data-f=\"temperatureC\">").append(dash(temp(k.temperatureC()))).append("</td>")
                .append("<td data-f=\"backlog\">").append(dash(k.backlog())).append("</td>")
                .append("<td data-f=\"lastAckSeq\">").append(dash(k.lastAckSeq()))
                .append("</td><td data-f=\"openAlerts\" class=\"").append(k.openAlerts() > 0 ? "warn" : "")
                .append("\">").append(k.openAlerts()).append("</td></tr>");
    }

    static String dash(Object value) {
        return value == null || value.toString().isEmpty() ? "—" : value.toString();
    }

    static String printerClass(String printer) {
        if (printer == null || printer.equals("ok")) {
            return "";
        }
        return printer.equals("paper_low") ? "warn" : "bad";
    }

    static String pct(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.0f %%", v);
    }

    static String temp(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f °C", v);
    }

    /** A kiosk's page: the kiosk is the pair of site and kiosk id. */
    static String kioskPath(KioskKey kiosk) {
        return "/fleet/sites/" + kiosk.siteId() + "/kiosks/" + kiosk.kioskId();
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
        Principal who = AuthFilter.principal(request);
        StringBuilder b = new StringBuilder();
        if (found.isEmpty()) {
            b.append("<p class=\"error\">").append(esc(lang.t("notFound"))).append("</p>");
            return Html.ok(lang, Html.page(lang, who, kioskId, "fleet", b.toString())).status(404);
        }
        b.append("<h1>").append(esc(lang.t("kiosk"))).append(" ").append(esc(kioskId)).append("</h1><p>")
                .append(esc(lang.t("kioskAtSeveralSites"))).append("</p><ul id=\"kiosk-sites\">");
        for (KioskKey k : found) {
            b.append("<li><a href=\"").append(esc(kioskPath(k))).append("\">").append(esc(k.siteId()))
                    .append(" / ").append(esc(k.kioskId())).append("</a></li>");
        }
        b.append("</ul>");
        return Html.ok(lang, Html.page(lang, who, kioskId, "fleet", b.toString())).status(409);
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
        StringBuilder b = new StringBuilder();
        if (found.isEmpty()) {
            b.append("<p class=\"error\">").append(esc(lang.t("notFound"))).append("</p>");
            return Html.ok(lang, Html.page(lang, who, kioskId, "fleet", b.toString())).status(404);
        }
        KioskView k = found.get();
        b.append("<h1>").append(esc(lang.t("kiosk"))).append(" ").append(esc(k.siteId())).append(" / ")
                .append(esc(k.kioskId()))
                .append(" <span id=\"kiosk-state\" class=\"badge ").append(k.online() ? "on\">" : "off\">")
                .append(esc(lang.t(k.online() ? "online" : "offline"))).append("</span></h1>");
        b.append("<dl class=\"facts\" id=\"facts\">");
        fact(b, lang.t("site"), esc(k.siteId()));
        fact(b, lang.t("lastSeen"), Html.time(k.lastHeard()));
        fact(b, lang.t("version"), esc(k.version()));
        fact(b, lang.t("config"), k.configVersion() == null ? "" : String.valueOf(k.configVersion()));
        fact(b, lang.t("printer"), esc(k.printer()));
        fact(b, lang.t("disk"), pct(k.diskPercent()));
        fact(b, lang.t("temperature"), temp(k.temperatureC()));
        fact(b, lang.t("load"), k.load1() == null ? "" : String.format(Locale.ROOT, "%.2f", k.load1()));
        fact(b, lang.t("memory"), pct(k.memoryPercent()));
        fact(b, lang.t("queues"), k.queueLengths() == null || k.queueLengths().equals("{}") ? ""
                : esc(k.queueLengths().replaceAll("[{}\"]", "").replace(",", ", ")));
        fact(b, lang.t("backlog"), k.backlog() == null ? "" : String.valueOf(k.backlog()));
        fact(b, lang.t("lastAck"), k.lastAckSeq() == null ? "" : String.valueOf(k.lastAckSeq()));
        b.append("</dl>");

        List<TelemetryStore.Point> history = telemetry.history(k.key(),
                System.currentTimeMillis() - Duration.ofHours(24).toMillis());
        b.append("<section class=\"card\"><h2>").append(esc(lang.t("last24h"))).append("</h2><div class=\"charts\">");
        chart(b, "chart-temperature", lang.t("temperature") + " (°C)", history, TelemetryStore.Point::cpuTemperatureC);
        chart(b, "chart-disk", lang.t("disk") + " (%)", history, TelemetryStore.Point::diskPercent);
        chart(b, "chart-backlog", lang.t("backlog"), history, p -> (double) p.backlog());
        chart(b, "chart-load", lang.t("load"), history, TelemetryStore.Point::load1);
        b.append("</div></section>");
        b.append("<section class=\"card\"><h2>").append(esc(lang.t("commands"))).append("</h2>");
        if (who.role().canSendCommands()) {
            b.append("<form id=\"command-form\" class=\"inline\" data-kiosk=\"").append(esc(k.kioskId()))
                    .append("\" data-commands=\"").append(esc(commandsPath(k.key())))
                    .append("\"><select name=\"type\" id=\"command-type\">");
            for (String type : CommandService.TYPES) {
                b.append("<option value=\"").append(type).append("\">").append(esc(lang.t("cmd." + type)))
                        .append("</option>");
            }
            b.append("</select><input name=\"text\" id=\"notice-text\" maxlength=\"500\" placeholder=\"")
                    .append(esc(lang.t("noticeText"))).append("\"><label class=\"notice-minutes\">")
                    .append(esc(lang.t("noticeMinutes"))).append(" <input name=\"minutes\" id=\"notice-minutes\" ")
                    .append("type=\"number\" min=\"1\" max=\"1440\" value=\"60\"></label>")
                    .append("<button type=\"submit\" id=\"send-command\">")
                    .append(esc(lang.t("send"))).append("</button></form><p class=\"msg\" id=\"command-msg\"></p>");
        } else {
            b.append("<p class=\"muted\">").append(esc(lang.t("noCommandRole"))).append("</p>");
        }
        b.append("<h3>").append(esc(lang.t("history"))).append("</h3>");
        commandTable(b, lang, commands.forKiosk(k.key(), 50), commandsPath(k.key()));
        b.append("</section>");

        b.append("<section class=\"card\"><h2>").append(esc(lang.t("alerts"))).append("</h2>");
        alertTable(b, lang, alerts.recent(k.key(), 50), false);
        b.append("</section>");
        quarantineSection(b, lang, who, store.quarantined(k.siteId(), k.kioskId(), 50));
        return Html.ok(lang, Html.page(lang, who, lang.t("kiosk") + " " + k.siteId() + "/" + k.kioskId(), "fleet",
                b.toString()));
    }

    /** A line over the last 24 hours, drawn by the server as SVG; gaps where the kiosk sent nothing. */
    static void chart(StringBuilder b, String id, String title, List<TelemetryStore.Point> points,
                      java.util.function.Function<TelemetryStore.Point, Double> value) {
        int w = 320;
        int h = 110;
        int pad = 22;
        long end = System.currentTimeMillis();
        long start = end - Duration.ofHours(24).toMillis();
        double max = 0;
        for (TelemetryStore.Point p : points) {
            Double v = value.apply(p);
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        double top = max <= 0 ? 1 : max * 1.1;
        b.append("<figure class=\"chart\"><figcaption>").append(esc(title)).append("</figcaption><svg id=\"")
                .append(id).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"100%\" role=\"img\">").append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#d9dee6\"/>"
                                + "<text x=\"0\" y=\"10\" font-size=\"9\" fill=\"#5b6675\">%.1f</text>"
                                + "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#5b6675\">-24h</text>"
                                + "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#5b6675\" text-anchor=\"end\">now</text>",
                        pad, w, h - pad, h - pad, top, pad, h - 6, w, h - 6));
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
        b.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"#0b5394\" ")
                .append("stroke-width=\"2\" stroke-linecap=\"round\"/>");
        if (drawn > 0) {
            // the latest reading, marked so that a kiosk with a single reading still shows one
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#0b5394\"/>", lastX,
                    lastY));
        } else {
            b.append("<text x=\"").append(w / 2).append("\" y=\"").append(h / 2)
                    .append("\" font-size=\"11\" fill=\"#5b6675\" text-anchor=\"middle\">—</text>");
        }
        b.append("</svg></figure>");
    }

    private static void fact(StringBuilder b, String name, String valueHtml) {
        b.append("<div><dt>").append(esc(name)).append("</dt><dd>").append(valueHtml.isEmpty() ? "—" : valueHtml)
                .append("</dd></div>");
    }

    private String describeArgs(String argsJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode text = json.readTree(argsJson).path("text");
            return text.isTextual() ? ": «" + esc(text.asText()) + "»" : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static String commandsPath(KioskKey kiosk) {
        return "/api/sites/" + kiosk.siteId() + "/kiosks/" + kiosk.kioskId() + "/commands";
    }

    /**
     * The kiosk's events the database refused, kept whole, each with the database's reason and, for fleet staff, a
     * button that tries to store it again. Nothing is shown when there are none.
     */
    static void quarantineSection(StringBuilder b, Lang lang, Principal who, List<QuarantinedEvent> list) {
        if (list.isEmpty()) {
            return;
        }
        b.append("<section class=\"card\"><h2>").append(esc(lang.t("quarantine")))
                .append("</h2><p class=\"muted\">").append(esc(lang.t("quarantineHelp")))
                .append("</p><table class=\"grid\" id=\"quarantine\"><thead><tr><th>")
                .append(esc(lang.t("quarantinedAt"))).append("</th><th>seq</th><th>").append(esc(lang.t("eventType")))
                .append("</th><th>").append(esc(lang.t("reason"))).append("</th><th></th></tr></thead><tbody>");
        for (QuarantinedEvent q : list) {
            b.append("<tr data-quarantine=\"").append(esc(q.id())).append("\"><td>")
                    .append(Html.time(q.quarantinedAt().toEpochMilli())).append("</td><td>").append(q.seq())
                    .append("</td><td title=\"").append(esc(q.eventId())).append("\">").append(esc(q.type()))
                    .append("</td><td class=\"wrap\">").append(esc(q.reason())).append("</td><td>");
            if (who.role().canSendCommands()) {
                b.append("<button class=\"readmit\" data-quarantine=\"").append(esc(q.id())).append("\">")
                        .append(esc(lang.t("readmit"))).append("</button>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table><p class=\"msg\" id=\"readmit-msg\"></p></section>");
    }

    void commandTable(StringBuilder b, Lang lang, List<CommandRecord> list, String commandsPath) {
        b.append("<table class=\"grid\" id=\"history\" data-commands=\"").append(esc(commandsPath))
                .append("\" data-pending=\"").append(esc(lang.t("pending")))
                .append("\" data-ok=\"").append(esc(lang.t("ok"))).append("\" data-failed=\"")
                .append(esc(lang.t("failed"))).append("\"><thead><tr><th>").append(esc(lang.t("issuedAt")))
                .append("</th><th>").append(esc(lang.t("command"))).append("</th><th>")
                .append(esc(lang.t("issuedBy"))).append("</th><th>").append(esc(lang.t("result")))
                .append("</th></tr></thead><tbody>");
        for (CommandRecord c : list) {
            String state = c.state();
            b.append("<tr data-command=\"").append(esc(c.id())).append("\" data-state=\"").append(state)
                    .append("\"><td>").append(Html.time(c.issuedAt())).append("</td><td>")
                    .append(esc(lang.t("cmd." + c.type()))).append(describeArgs(c.args()))
                    .append("</td><td>").append(esc(c.issuedBy()))
                    .append("</td><td class=\"wrap ").append(state.equals("ok") ? "on"
                            : state.equals("failed") ? "bad" : state.equals("expired") ? "warn" : "")
                    .append("\">").append(esc(lang.t(state))).append(c.message() == null ? "" : ": "
                            + esc(c.message())).append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    @Get(value = "/alerts", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> alertsPage(HttpRequest<?> request) {
        Lang lang = Lang.of(request);
        Principal who = AuthFilter.principal(request);
        StringBuilder b = new StringBuilder("<h1>").append(esc(lang.t("alerts"))).append("</h1>");
        alertTable(b, lang, alerts.recent(null, 200), true);
        return Html.ok(lang, Html.page(lang, who, lang.t("alerts"), "alerts", b.toString()));
    }

    static void alertTable(StringBuilder b, Lang lang, List<Alert> list, boolean withKiosk) {
        if (list.isEmpty()) {
            b.append("<p class=\"empty\" id=\"no-alerts\">").append(esc(lang.t("noAlerts"))).append("</p>");
            return;
        }
        b.append("<table class=\"grid\" id=\"alerts\"><thead><tr>");
        if (withKiosk) {
            b.append("<th>").append(esc(lang.t("kiosk"))).append("</th>");
        }
        b.append("<th>").append(esc(lang.t("kind"))).append("</th><th>").append(esc(lang.t("raisedAt")))
                .append("</th><th>").append(esc(lang.t("acknowledged"))).append("</th><th>")
                .append(esc(lang.t("cleared"))).append("</th></tr></thead><tbody>");
        for (Alert a : list) {
            boolean open = a.clearedAt() == 0;
            b.append("<tr data-alert=\"").append(esc(a.id())).append("\" data-kind=\"").append(esc(a.kind()))
                    .append("\" class=\"").append(open ? "open" : "closed").append("\">");
            if (withKiosk) {
                b.append("<td><a href=\"").append(esc(kioskPath(new KioskKey(a.siteId(), a.kioskId()))))
                        .append("\">").append(esc(a.siteId())).append(" / ").append(esc(a.kioskId()))
                        .append("</a></td>");
            }
            b.append("<td title=\"").append(esc(a.detail())).append("\">").append(esc(lang.t("alert." + a.kind())))
                    .append("<br><small>").append(esc(a.detail())).append("</small></td><td>")
                    .append(Html.time(a.raisedAt())).append("</td><td>");
            if (a.acknowledgedAt() > 0) {
                b.append(esc(a.acknowledgedBy())).append(", ").append(Html.time(a.acknowledgedAt()));
            } else {
                b.append("<button class=\"ack\" data-alert=\"").append(esc(a.id())).append("\">")
                        .append(esc(lang.t("acknowledge"))).append("</button>");
            }
            b.append("</td><td>").append(open ? "—" : Html.time(a.clearedAt())).append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    static void requireKioskId(String kioskId) {
        if (!Topics.isValidId(kioskId)) {
            throw new BadParameterException("kioskId", "must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }
}
