package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.web.Principal;
import vn.motcua.central.report.satisfaction.SatisfactionLine;
import vn.motcua.central.report.satisfaction.SatisfactionPeriod;
import vn.motcua.central.report.satisfaction.SatisfactionReport;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Satisfaction as Decision 766/QĐ-TTg counts it: the page {@code /reports/766} (a month, quarter or year; one site
 * or all), its CSV (one table, {@code by} officer, counter or procedure) and its workbook, for reporters and admins.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class Satisfaction766Controller {
    static final List<String> BY = List.of("officer", "counter", "procedure");
    private final SatisfactionReport reports;
    private final Views views;
    private final Clock clock;

    public Satisfaction766Controller(SatisfactionReport reports, Views views, Clock clock) {
        this.reports = reports;
        this.views = views;
        this.clock = clock;
    }

    /** The page's model: the period and site asked for, the total, and a table per officer, counter, procedure. */
    public record Page(SatisfactionPeriod period, String site, String unit, List<String> kinds, String query,
                       SatisfactionLine total, String ratio, String share, List<ReportViews.Table> tables) {
    }

    private SatisfactionReport.Report report(HttpRequest<?> request) {
        SatisfactionPeriod period = SatisfactionPeriod.of(request.getParameters().get("kind"),
                request.getParameters().get("value"), LocalDate.now(clock.withZone(Html.ZONE)));
        return reports.report(period, ReportAccess.site(request));
    }

    private static String query(SatisfactionReport.Report r) {
        return "kind=" + r.period().kind() + "&value=" + r.period().value() + "&site="
                + java.net.URLEncoder.encode(r.site(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Get(value = "/reports/766", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        SatisfactionReport.Report r = report(request);
        boolean withSite = r.site().isEmpty();
        List<ReportViews.Table> tables = new ArrayList<>();
        tables.add(new ReportViews.Table("s766-officers", ReportColumns.satisfaction766("officer", withSite),
                r.officers(), true));
        tables.add(new ReportViews.Table("s766-counters", ReportColumns.satisfaction766("counter", withSite),
                r.counters(), true));
        tables.add(new ReportViews.Table("s766-procedures", ReportColumns.satisfaction766("procedure", withSite),
                r.procedures(), true));
        Page model = new Page(r.period(), r.site(), r.unit(), SatisfactionPeriod.KINDS, query(r), r.total(),
                ReportColumn.Format.SHARE.page(r.total().ratio766(), lang),
                ReportColumn.Format.SHARE.page(r.total().satisfiedShare(), lang), tables);
        return views.page("report/satisfaction766.jte", new Frame(lang, who, lang.t("s766.title"), "reports"),
                model);
    }

    @Get(value = "/reports/766.csv", produces = "text/csv")
    public HttpResponse<byte[]> csv(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        SatisfactionReport.Report r = report(request);
        String by = request.getParameters().get("by");
        by = BY.contains(by) ? by : "officer";
        List<SatisfactionLine> lines = switch (by) {
            case "counter" -> r.counters();
            case "procedure" -> r.procedures();
            default -> r.officers();
        };
        return HttpResponse.ok(ReportCsv.write(ReportColumns.satisfaction766(by, true), lines, Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"satisfaction-766-" + by + "-"
                        + r.period().value() + ".csv\"");
    }

    @Get(value = "/reports/766.xlsx", produces = ReportXlsx.MEDIA_TYPE)
    public HttpResponse<byte[]> xlsx(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        SatisfactionReport.Report r = report(request);
        byte[] xlsx = Satisfaction766Xlsx.write(r, Lang.of(request), who.username(),
                LocalDateTime.now(clock.withZone(Html.ZONE)));
        return HttpResponse.ok(xlsx).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"satisfaction-766-" + r.period().value()
                        + ".xlsx\"");
    }
}
