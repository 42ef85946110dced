package vn.motcua.central.fleet;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import vn.motcua.central.command.CommandStore;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.protocol.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    public FleetController(FleetService fleet, AlertStore alerts, CommandStore commands, FleetConfig config,
                           TelemetryStore telemetry) {
        this.telemetry = telemetry;
        this.fleet = fleet;
        this.alerts = alerts;
        this.commands = commands;
        this.config = config;
    }

    @Get("/api/fleet")
    public List<KioskView> list() {
        return fleet.views();
    }

    @Get(value = "/api/fleet/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<List<KioskView>>> stream() {
        return Flux.interval(Duration.ZERO, config.streamEvery())
                .onBackpressureDrop()
                .publishOn(Schedulers.boundedElastic())
                .map(tick -> Event.of(fleet.views()).name("fleet"));
    }

    @Get("/api/alerts")
    public List<Alert> alertList() {
        return alerts.recent(null, 200);
    }

    @Get(value = "/fleet", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> fleetPage(HttpRequest<?> request) {
        Lang lang = Lang.of(request);
        Principal who = AuthFilter.principal(request);
        List<KioskView> kiosks = fleet.views();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(lang.t("fleet"))).append(" <small class=\"live\" id=\"live\">● ")
                .append(esc(lang.t("live"))).append("</small></h1>");
        long online = kiosks.stream().filter(KioskView::online).count();
        b.append("<p class=\"summary\"><span id=\"count-online\">").append(online).append("</span> ")
                .append(esc(lang.t("online"))).append(" · <span id=\"count-offline\">").append(kiosks.size() - online)
                .append("</span> ").append(esc(lang.t("offline"))).append("</p>");
        if (kiosks.isEmpty()) {
            b.append("<p class=\"empty\">").append(esc(lang.t("noKiosks"))).append("</p>");
        }
        b.append("<div class=\"scroll\"><table class=\"grid\" id=\"fleet\" data-online=\"").append(esc(lang.t("online")))
                .append("\" data-offline=\"").append(esc(lang.t("offline"))).append("\"><thead><tr>");
        for (String h : List.of("kiosk", "site", "state", "lastSeen", "version", "config", "printer", "disk",
                "temperature", "backlog", "lastAck", "alerts")) {
            b.append("<th>").append(esc(lang.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (KioskView k : kiosks) {
            row(b, k);
        }
        b.append("</tbody></table></div>");
        return Html.ok(lang, Html.page(lang, who, lang.t("fleet"), "fleet", b.toString()));
    }

    private static void row(StringBuilder b, KioskView k) {
        b.append("<tr id=\"k-").append(esc(k.kioskId())).append("\" data-kiosk=\"").append(esc(k.kioskId()))
                .append("\"><td><a href=\"/fleet/kiosks/").append(esc(k.kioskId())).append("\">")
                .append(esc(k.kioskId())).append("</a></td><td>").append(esc(k.siteId())).append("</td>")
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

    @Get(value = "/fleet/kiosks/{kioskId}", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> kioskPage(HttpRequest<?> request, @PathVariable String kioskId) {
        Lang lang = Lang.of(request);
        Principal who = AuthFilter.principal(request);
        requireKioskId(kioskId);
        Optional<KioskView> found = fleet.view(kioskId);
        StringBuilder b = new StringBuilder();
        if (found.isEmpty()) {
            b.append("<p class=\"error\">").append(esc(lang.t("notFound"))).append("</p>");
            return Html.ok(lang, Html.page(lang, who, kioskId, "fleet", b.toString())).status(404);
        }
        KioskView k = found.get();
        b.append("<h1>").append(esc(lang.t("kiosk"))).append(" ").append(esc(k.kioskId()))
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

        List<TelemetryStore.Point> history = telemetry.history(k.kioskId(),
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
                    .append("\"><select name=\"type\" id=\"command-type\">");
            for (String type : List.of("print_test_ticket", "show_notice", "reload_config", "restart_app")) {
                b.append("<option value=\"").append(type).append("\">").append(esc(lang.t("cmd." + type)))
                        .append("</option>");
            }
            b.append("</select><input name=\"text\" id=\"notice-text\" maxlength=\"500\" placeholder=\"")
                    .append(esc(lang.t("noticeText"))).append("\"><button type=\"submit\" id=\"send-command\">")
                    .append(esc(lang.t("send"))).append("</button></form><p class=\"msg\" id=\"command-msg\"></p>");
        } else {
            b.append("<p class=\"muted\">").append(esc(lang.t("noCommandRole"))).append("</p>");
        }
        b.append("<h3>").append(esc(lang.t("history"))).append("</h3>");
        commandTable(b, lang, commands.forKiosk(k.kioskId(), 50));
        b.append("</section>");

        b.append("<section class=\"card\"><h2>").append(esc(lang.t("alerts"))).append("</h2>");
        alertTable(b, lang, alerts.recent(k.kioskId(), 50), false);
        b.append("</section>");
        return Html.ok(lang, Html.page(lang, who, lang.t("kiosk") + " " + k.kioskId(), "fleet", b.toString()));
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

    void commandTable(StringBuilder b, Lang lang, List<CommandRecord> list) {
        b.append("<table class=\"grid\" id=\"history\" data-pending=\"").append(esc(lang.t("pending")))
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
                b.append("<td><a href=\"/fleet/kiosks/").append(esc(a.kioskId())).append("\">")
                        .append(esc(a.kioskId())).append("</a></td>");
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
