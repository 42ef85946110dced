package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.report.servicelevel.ServiceLevelReport;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Waiting against each service's target: the page {@code /reports/service-level} (a range of days, one site or
 * all), its CSV and its workbook, for reporters and admins; all three from {@link ReportColumns#SERVICE_LEVEL}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ServiceLevelController {
    /** A quarter and a day: the longest range one page lists day by day. */
    static final int MAX_DAYS = 93;
    private static final int MAX_SITE_CHARS = 64;
    private final ServiceLevelReport reports;
    private final Views views;
    private final Clock clock;

    public ServiceLevelController(ServiceLevelReport reports, Views views, Clock clock) {
        this.reports = reports;
        this.views = views;
        this.clock = clock;
    }

    /** The page's model: the range and site asked for, the export links' query, the total and the table. */
    public record Page(ServiceLevelReport.Report report, String query, String overShare, ReportViews.Table table) {
    }

    ServiceLevelReport.Report report(HttpRequest<?> request) {
        Lang lang = Lang.of(request);
        LocalDate today = LocalDate.now(clock.withZone(Html.ZONE));
        LocalDate to = day(request, "to", today, lang);
        LocalDate from = day(request, "from", to.minusDays(6), lang);
        if (from.isAfter(to)) {
            throw new BadParameterException("from", String.format(lang.t("sla.fromAfterTo"), from, to));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadParameterException("from", String.format(lang.t("sla.tooManyDays"), MAX_DAYS));
        }
        String site = request.getParameters().get("site");
        site = site == null ? "" : site.trim();
        if (site.length() > MAX_SITE_CHARS) {
            throw new BadParameterException("site", String.format(lang.t("sla.siteTooLong"), MAX_SITE_CHARS));
        }
        return reports.report(from, to, site);
    }

    private static LocalDate day(HttpRequest<?> request, String name, LocalDate otherwise, Lang lang) {
        String v = request.getParameters().get(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, String.format(lang.t("sla.badDay"), v.trim()));
        }
    }

    private static String query(ServiceLevelReport.Report r) {
        return "from=" + r.from() + "&to=" + r.to() + "&site=" + URLEncoder.encode(r.site(), StandardCharsets.UTF_8);
    }

    @Get(value = "/reports/service-level", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        ServiceLevelReport.Report r = report(request);
        Page model = new Page(r, query(r), ReportColumn.Format.SHARE.page(r.total().overShare(), lang),
                new ReportViews.Table("sla-lines", ReportColumns.SERVICE_LEVEL, r.lines(), true));
        return views.page("report/serviceLevel.jte", new Frame(lang, AuthFilter.principal(request),
                lang.t("sla.title"), "reports"), model);
    }

    @Get(value = "/reports/service-level.csv", produces = "text/csv")
    public HttpResponse<byte[]> csv(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        ServiceLevelReport.Report r = report(request);
        return HttpResponse.ok(ReportCsv.write(ReportColumns.SERVICE_LEVEL, r.lines(), Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"service-level-" + r.from() + "-" + r.to()
                        + ".csv\"");
    }

    @Get(value = "/reports/service-level.xlsx", produces = ReportXlsx.MEDIA_TYPE)
    public HttpResponse<byte[]> xlsx(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        ServiceLevelReport.Report r = report(request);
        return HttpResponse.ok(workbook(r, Lang.of(request))).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"service-level-" + r.from() + "-" + r.to()
                        + ".xlsx\"");
    }

    static byte[] workbook(ServiceLevelReport.Report r, Lang lang) {
        return ReportXlsx.single(lang.t("sla.sheet"), ReportColumns.SERVICE_LEVEL, r.lines(), lang);
    }
}
