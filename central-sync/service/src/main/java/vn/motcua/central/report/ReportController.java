package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.auth.Principal;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static vn.motcua.central.web.Html.esc;

/** The satisfaction report page, its CSV and XLSX exports and the queue figures' CSV, for reporters and admins. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {
    /** What a spreadsheet may read as the start of a formula or a command; see {@link #cell}. */
    private static final String FORMULA_START = "=+-@|\t\r\n ";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private final ReportService reports;

    public ReportController(ReportService reports) {
        this.reports = reports;
    }

    private static Principal reporter(HttpRequest<?> request) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canReport()) {
            throw new Forbidden("role " + who.role().wireName() + " may not read reports");
        }
        return who;
    }

    @Get(value = "/reports/export.csv", produces = "text/csv")
    public HttpResponse<byte[]> export(HttpRequest<?> request) {
        reporter(request);
        ReportService.Report r = reports.report(ReportQuery.of(request));
        StringBuilder csv = new StringBuilder("\uFEFFperiod,group");
        for (String level : ReportService.LEVELS) {
            csv.append(',').append(level);
        }
        csv.append(",total,satisfied_share\r\n");
        List<ReportService.Line> lines = r.query().groupBy().isEmpty() ? r.trend() : r.lines();
        for (ReportService.Line l : lines) {
            csv.append(cell(l.period())).append(',').append(cell(l.group()));
            for (long c : l.counts()) {
                csv.append(',').append(c);
            }
            csv.append(',').append(l.total()).append(',')
                    .append(l.satisfiedShare() == null ? "" : String.format(Locale.ROOT, "%.4f", l.satisfiedShare()))
                    .append("\r\n");
        }
        return HttpResponse.ok(csv.toString().getBytes(StandardCharsets.UTF_8))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"satisfaction-" + r.query().from() + "-"
                        + r.query().to() + ".csv\"");
    }

    /** The same report as the CSV, and the queue figures, as an Excel workbook in the page's language. */
    @Get(value = "/reports/export.xlsx", produces = ReportXlsx.MEDIA_TYPE)
    public HttpResponse<byte[]> exportXlsx(HttpRequest<?> request) {
        reporter(request);
        ReportQuery q = ReportQuery.of(request);
        byte[] xlsx = ReportXlsx.write(reports.report(q), reports.queue(q), Lang.of(request));
        return HttpResponse.ok(xlsx).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"satisfaction-" + q.from() + "-" + q.to()
                        + ".xlsx\"");
    }

    /** The queue figures per service, then per counter, as one table; times in seconds, empty when none. */
    @Get(value = "/reports/queue.csv", produces = "text/csv")
    public HttpResponse<byte[]> exportQueue(HttpRequest<?> request) {
        reporter(request);
        ReportQuery q = ReportQuery.of(request);
        List<List<ReportService.QueueLine>> queue = reports.queue(q);
        StringBuilder csv = new StringBuilder("\uFEFFby,key,issued,called,average_wait_seconds,served,"
                + "average_service_seconds,no_shows\r\n");
        for (int i = 0; i < 2; i++) {
            boolean byService = i == 0;
            for (ReportService.QueueLine l : queue.get(i)) {
                csv.append(byService ? "service" : "counter").append(',').append(cell(l.key())).append(',')
                        .append(byService ? String.valueOf(l.issued()) : "").append(',').append(l.called())
                        .append(',').append(seconds(l.averageWaitSeconds())).append(',').append(l.served())
                        .append(',').append(seconds(l.averageServiceSeconds())).append(',').append(l.noShows())
                        .append("\r\n");
            }
        }
        return HttpResponse.ok(csv.toString().getBytes(StandardCharsets.UTF_8))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"queue-" + q.from() + "-" + q.to() + ".csv\"");
    }

    private static String seconds(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A duration in seconds as m:ss (minutes may pass 59), or a dash when there is none. */
    static String minutesSeconds(Double seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void queueTable(StringBuilder b, Lang lang, List<ReportService.QueueLine> lines,
                                   boolean byService, String id) {
        b.append("<h3 class=\"sub\">").append(esc(lang.t(byService ? "byService" : "byCounter")))
                .append("</h3><div class=\"scroll\"><table class=\"grid\" id=\"").append(id)
                .append("\"><thead><tr><th>").append(esc(lang.t(byService ? "service" : "counter"))).append("</th>");
        List<String> headers = byService
                ? List.of("ticketsIssued", "ticketsCalled", "avgWaitTime", "ticketsServed", "avgServiceTime", "noShows")
                : List.of("ticketsCalled", "avgWaitTime", "ticketsServed", "avgServiceTime", "noShows");
        for (String h : headers) {
            b.append("<th class=\"num\">").append(esc(lang.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        if (lines.isEmpty()) {
            b.append("<tr><td colspan=\"").append(headers.size() + 1).append("\" class=\"muted\">—</td></tr>");
        }
        for (ReportService.QueueLine l : lines) {
            b.append("<tr><td>").append(esc(l.key())).append("</td>");
            if (byService) {
                num(b, "issued", String.valueOf(l.issued()));
            }
            num(b, "called", String.valueOf(l.called()));
            num(b, "wait", minutesSeconds(l.averageWaitSeconds()));
            num(b, "served", String.valueOf(l.served()));
            num(b, "service", minutesSeconds(l.averageServiceSeconds()));
            num(b, "noShows", String.valueOf(l.noShows()));
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
    }

    private static void num(StringBuilder b, String field, String value) {
        b.append("<td class=\"num\" data-f=\"").append(field).append("\">").append(esc(value)).append("</td>");
    }

    /**
     * A CSV cell, quoted. A text that a spreadsheet could take for a formula or a command — one starting with
     * = + - @ | a tab, a line break or a space (some programs trim it, then read what follows) — gets a leading
     * {@code '}, which spreadsheets show as "this is text". A plain number (a counter named -1) stays a number.
     */
    static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && FORMULA_START.indexOf(s.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }


    @Get(value = "/reports", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = reporter(request);
        Lang lang = Lang.of(request);
        ReportQuery q = ReportQuery.of(request);
        ReportService.Report r = reports.report(q);
        StringBuilder b = new StringBuilder("<h1>").append(esc(lang.t("reports"))).append("</h1>");
        b.append("<form method=\"get\" action=\"/reports\" id=\"report-filter\" class=\"inline card\">");
        input(b, lang.t("from"), "from", q.from().toString(), "date");
        input(b, lang.t("to"), "to", q.to().toString(), "date");
        b.append("<label>").append(esc(lang.t("period"))).append(" <select name=\"period\">");
        for (String p : ReportQuery.PERIODS) {
            b.append("<option value=\"").append(p).append("\"").append(p.equals(q.period()) ? " selected" : "")
                    .append(">").append(esc(lang.t("period." + p))).append("</option>");
        }
        b.append("</select></label>");
        input(b, lang.t("site"), "site", q.site(), "text");
        input(b, lang.t("counter"), "counter", q.counter(), "text");
        input(b, lang.t("officer"), "officer", q.officer(), "text");
        input(b, lang.t("procedure"), "procedure", q.procedure(), "text");
        b.append("<label>").append(esc(lang.t("groupBy"))).append(" <select name=\"groupBy\"><option value=\"\">—</option>");
        for (String g : List.of("site", "counter", "officer", "procedure")) {
            b.append("<option value=\"").append(g).append("\"").append(g.equals(q.groupBy()) ? " selected" : "")
                    .append(">").append(esc(lang.t(g))).append("</option>");
        }
        b.append("</select></label><button type=\"submit\">").append(esc(lang.t("show"))).append("</button>")
                .append("<a class=\"button\" id=\"export-csv\" href=\"/reports/export.csv?")
                .append(esc(q.queryString())).append("\">CSV</a><a class=\"button\" id=\"export-xlsx\" ")
                .append("href=\"/reports/export.xlsx?").append(esc(q.queryString())).append("\">XLSX</a></form>");

        ReportService.Line total = r.total();
        b.append("<section class=\"card\"><h2>").append(esc(lang.t("summary"))).append("</h2>");
        b.append("<p class=\"big\"><span id=\"satisfied-share\">").append(share(total.satisfiedShare()))
                .append("</span> ").append(esc(lang.t("satisfiedShare"))).append(" · <span id=\"total-ratings\">")
                .append(total.total()).append("</span> ").append(esc(lang.t("ratings"))).append("</p>");
        table(b, lang, List.of(total), false, "summary-table");
        b.append("</section><section class=\"card\"><h2>").append(esc(lang.t("trend"))).append("</h2>");
        svg(b, r.trend());
        table(b, lang, r.trend(), false, "trend-table");
        b.append("</section>");
        if (!q.groupBy().isEmpty()) {
            b.append("<section class=\"card\"><h2>").append(esc(lang.t("groupBy"))).append(": ")
                    .append(esc(lang.t(q.groupBy()))).append("</h2>");
            table(b, lang, r.lines(), true, "group-table");
            b.append("</section>");
        }
        List<List<ReportService.QueueLine>> queue = reports.queue(q);
        b.append("<section class=\"card\"><h2>").append(esc(lang.t("queueFigures")))
                .append(" <a class=\"button small\" id=\"export-queue-csv\" href=\"/reports/queue.csv?")
                .append(esc(q.queryString())).append("\">").append(esc(lang.t("queueCsv"))).append("</a></h2>");
        queueTable(b, lang, queue.get(0), true, "queue-services");
        queueTable(b, lang, queue.get(1), false, "queue-counters");
        b.append("<p class=\"muted\">").append(esc(lang.t("queueNote"))).append("</p></section>");
        b.append("<section class=\"card\"><h2>").append(esc(lang.t("lowRatings"))).append("</h2>");
        if (r.low().isEmpty()) {
            b.append("<p class=\"empty\">—</p>");
        } else {
            b.append("<div class=\"scroll\"><table class=\"grid\" id=\"low-ratings\"><thead><tr><th>")
                    .append(esc(lang.t("issuedAt"))).append("</th><th>").append(esc(lang.t("kiosk")))
                    .append("</th><th>").append(esc(lang.t("counter"))).append("</th><th>")
                    .append(esc(lang.t("officer"))).append("</th><th>").append(esc(lang.t("procedure")))
                    .append("</th><th>").append(esc(lang.t("level"))).append("</th><th>")
                    .append(esc(lang.t("reasons"))).append("</th><th>").append(esc(lang.t("comment")))
                    .append("</th></tr></thead><tbody>");
            for (ReportService.LowRating l : r.low()) {
                b.append("<tr><td>").append(esc(wallTime(l.at()))).append("</td><td>").append(esc(l.kioskId()))
                        .append("</td><td>").append(esc(l.counter())).append("</td><td>").append(esc(l.officerId()))
                        .append("</td><td>").append(esc(l.procedureCode())).append("</td><td>")
                        .append(esc(lang.t("level." + l.level()))).append("</td><td class=\"wrap\">")
                        .append(esc(lang.reasons(l.reasons()))).append("</td><td class=\"wrap\">").append(esc(l.comment()))
                        .append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        b.append("</section>");
        return Html.ok(lang, Html.page(lang, who, lang.t("reports"), "reports", b.toString()));
    }

    /** A kiosk's wall time, shown in the desk's zone as the other pages show times. */
    private static String wallTime(String at) {
        try {
            return Html.time(java.time.OffsetDateTime.parse(at).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return at;
        }
    }

    private static void input(StringBuilder b, String label, String name, String value, String type) {
        b.append("<label>").append(esc(label)).append(" <input type=\"").append(type).append("\" name=\"")
                .append(name).append("\" value=\"").append(esc(value)).append("\" maxlength=\"64\"")
                .append(type.equals("text") ? " size=\"10\"" : "").append("></label>");
    }

    private static String share(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static void table(StringBuilder b, Lang lang, List<ReportService.Line> lines, boolean withGroup,
                              String id) {
        b.append("<div class=\"scroll\"><table class=\"grid\" id=\"").append(id).append("\"><thead><tr>");
        if (!id.equals("summary-table")) {
            b.append("<th>").append(esc(lang.t("period"))).append("</th>");
        }
        if (withGroup) {
            b.append("<th>").append(esc(lang.t("group"))).append("</th>");
        }
        for (String level : ReportService.LEVELS) {
            b.append("<th>").append(esc(lang.t("level." + level))).append("</th>");
        }
        b.append("<th>").append(esc(lang.t("total"))).append("</th><th>").append(esc(lang.t("satisfiedShareHeader")))
                .append("</th></tr></thead><tbody>");
        for (ReportService.Line l : lines) {
            b.append("<tr>");
            if (!id.equals("summary-table")) {
                b.append("<td>").append(esc(l.period())).append("</td>");
            }
            if (withGroup) {
                b.append("<td>").append(l.group().isEmpty() ? "—" : esc(l.group())).append("</td>");
            }
            for (int i = 0; i < l.counts().length; i++) {
                b.append("<td data-level=\"").append(ReportService.LEVELS.get(i)).append("\">").append(l.counts()[i])
                        .append("</td>");
            }
            b.append("<td>").append(l.total()).append("</td><td>").append(share(l.satisfiedShare()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    /** Share satisfied per period as bars, 0-100 %, drawn by the server: no chart library, no CDN. */
    static void svg(StringBuilder b, List<ReportService.Line> trend) {
        int width = 720;
        int height = 180;
        int pad = 30;
        int n = Math.max(1, trend.size());
        double step = (double) (width - 2 * pad) / n;
        double bar = Math.max(2, Math.min(40, step * 0.7));
        b.append("<svg id=\"trend-chart\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"trend\">");
        for (int pct = 0; pct <= 100; pct += 50) {
            double y = height - pad - (height - 2 * pad) * pct / 100.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d9dee6\"/>"
                    + "<text x=\"2\" y=\"%.1f\" font-size=\"10\" fill=\"#5b6675\">%d%%</text>", pad, width - pad, y, y,
                    y + 3, pct));
        }
        for (int i = 0; i < trend.size(); i++) {
            ReportService.Line l = trend.get(i);
            double share = l.satisfiedShare() == null ? 0 : l.satisfiedShare();
            double h = (height - 2 * pad) * share;
            double x = pad + i * step + (step - bar) / 2;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#0b5394\"><title>%s: %.1f%% (%d)</title></rect>", x, height - pad - h, bar, h,
                    esc(l.period()), 100 * share, l.total()));
            if (trend.size() <= 16 || i % Math.max(1, trend.size() / 8) == 0) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#5b6675\">%s</text>",
                        x, height - 8, esc(l.period().length() > 7 ? l.period().substring(5) : l.period())));
            }
        }
        b.append("</svg>");
    }
}
