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
import vn.motcua.central.report.satisfaction.SatisfactionPeriod;
import vn.motcua.central.report.servicelevel.ServiceLevelLine;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting against each service's target: the page {@code /reports/service-level}, its CSV and its workbook, for
 * reporters and admins. For one site, a range of days per day, service and counter ({@link
 * ReportColumns#SERVICE_LEVEL}); for all sites (no {@code site}), a month, quarter or year per site and service
 * ({@link ReportColumns#SERVICE_LEVEL_SITES}, a total line last), each site linked to its own report of those days.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ServiceLevelController {
    /** A year: the longest range one site's page lists day by day, so a site of the year's report opens whole. */
    static final int MAX_DAYS = 366;
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
    public record Page(ServiceLevelReport.Report report, String query, String overShare, ReportViews.Table table,
                       Forms forms) {
    }

    /**
     * The all-sites page's model: the period, the export links' query, the total, the table (the total its last
     * row) and each row's link to its site's own report ({@code null} for the total).
     */
    public record SitesPage(ServiceLevelReport.SitesReport report, String query, String overShare,
                            ReportViews.Table table, List<String> links, Forms forms) {
    }

    /** What both filters show: the all-sites period, and the one site with its days. */
    public record Forms(List<String> kinds, SatisfactionPeriod period, String site, LocalDate from, LocalDate to) {
    }

    /** The {@code site} parameter, trimmed; "" for all sites. */
    static String site(HttpRequest<?> request) {
        String site = request.getParameters().get("site");
        site = site == null ? "" : site.trim();
        if (site.length() > MAX_SITE_CHARS) {
            throw new BadParameterException("site", String.format(Lang.of(request).t("sla.siteTooLong"),
                    MAX_SITE_CHARS));
        }
        return site;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Html.ZONE));
    }

    /** The period all sites are shown for: the {@code kind} and {@code value} asked, the current month otherwise. */
    SatisfactionPeriod period(HttpRequest<?> request) {
        return SatisfactionPeriod.of(request.getParameters().get("kind"), request.getParameters().get("value"),
                today());
    }

    ServiceLevelReport.SitesReport sites(HttpRequest<?> request) {
        return reports.sites(period(request));
    }

    ServiceLevelReport.Report report(HttpRequest<?> request) {
        Lang lang = Lang.of(request);
        LocalDate to = day(request, "to", today(), lang);
        LocalDate from = day(request, "from", to.minusDays(6), lang);
        if (from.isAfter(to)) {
            throw new BadParameterException("from", String.format(lang.t("sla.fromAfterTo"), from, to));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadParameterException("from", String.format(lang.t("sla.tooManyDays"), MAX_DAYS));
        }
        return reports.report(from, to, site(request));
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

    private static String query(SatisfactionPeriod p) {
        return "kind=" + p.kind() + "&value=" + p.value() + "&site=";
    }

    /** The one-site report of a site over a period's days. */
    static String siteLink(String site, SatisfactionPeriod p) {
        return "/reports/service-level?from=" + p.from() + "&to=" + p.to() + "&site="
                + URLEncoder.encode(site, StandardCharsets.UTF_8);
    }

    /** The all-sites lines as the table and the exports list them: the total last, named so in its site cell. */
    static List<ServiceLevelLine> sitesRows(ServiceLevelReport.SitesReport r, Lang lang) {
        List<ServiceLevelLine> rows = new ArrayList<>(r.lines());
        ServiceLevelLine t = r.total();
        rows.add(new ServiceLevelLine(lang.t("total"), null, null, null, null, t.called(), t.served(), t.noShows(),
                t.waited(), t.overTarget()));
        return rows;
    }

    @Get(value = "/reports/service-level", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        Frame frame = new Frame(lang, AuthFilter.principal(request), lang.t("sla.title"), "reports");
        if (site(request).isEmpty()) {
            ServiceLevelReport.SitesReport r = sites(request);
            List<ServiceLevelLine> rows = sitesRows(r, lang);
            List<String> links = new ArrayList<>();
            r.lines().forEach(l -> links.add(siteLink(l.site(), r.period())));
            links.add(null);
            LocalDate today = today();
            SitesPage model = new SitesPage(r, query(r.period()),
                    ReportColumn.Format.SHARE.page(r.total().overShare(), lang),
                    new ReportViews.Table("sla-sites", ReportColumns.SERVICE_LEVEL_SITES, rows, true), links,
                    new Forms(SatisfactionPeriod.KINDS, r.period(), "", today.minusDays(6), today));
            return views.page("report/serviceLevelSites.jte", frame, model);
        }
        ServiceLevelReport.Report r = report(request);
        Page model = new Page(r, query(r), ReportColumn.Format.SHARE.page(r.total().overShare(), lang),
                new ReportViews.Table("sla-lines", ReportColumns.SERVICE_LEVEL, r.lines(), true),
                new Forms(SatisfactionPeriod.KINDS, SatisfactionPeriod.of("month", r.from().toString().substring(0, 7),
                        today()), r.site(), r.from(), r.to()));
        return views.page("report/serviceLevel.jte", frame, model);
    }

    @Get(value = "/reports/service-level.csv", produces = "text/csv")
    public HttpResponse<byte[]> csv(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        if (site(request).isEmpty()) {
            ServiceLevelReport.SitesReport r = sites(request);
            Lang lang = Lang.of(request);
            return HttpResponse.ok(ReportCsv.write(ReportColumns.SERVICE_LEVEL_SITES, sitesRows(r, lang), lang))
                    .contentType(new MediaType("text/csv; charset=utf-8"))
                    .header("Content-Disposition", "attachment; filename=\"service-level-all-sites-"
                            + r.period().value() + ".csv\"");
        }
        ServiceLevelReport.Report r = report(request);
        return HttpResponse.ok(ReportCsv.write(ReportColumns.SERVICE_LEVEL, r.lines(), Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"service-level-" + r.from() + "-" + r.to()
                        + ".csv\"");
    }

    @Get(value = "/reports/service-level.xlsx", produces = ReportXlsx.MEDIA_TYPE)
    public HttpResponse<byte[]> xlsx(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        if (site(request).isEmpty()) {
            ServiceLevelReport.SitesReport r = sites(request);
            return HttpResponse.ok(workbook(r, Lang.of(request))).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                    .header("Content-Disposition", "attachment; filename=\"service-level-all-sites-"
                            + r.period().value() + ".xlsx\"");
        }
        ServiceLevelReport.Report r = report(request);
        return HttpResponse.ok(workbook(r, Lang.of(request))).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"service-level-" + r.from() + "-" + r.to()
                        + ".xlsx\"");
    }

    static byte[] workbook(ServiceLevelReport.Report r, Lang lang) {
        return ReportXlsx.single(lang.t("sla.sheet"), ReportColumns.SERVICE_LEVEL, r.lines(), lang);
    }

    static byte[] workbook(ServiceLevelReport.SitesReport r, Lang lang) {
        return ReportXlsx.single(lang.t("sla.sheet"), ReportColumns.SERVICE_LEVEL_SITES, sitesRows(r, lang), lang);
    }
}
