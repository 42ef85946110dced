package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.report.officer.KeptOfficerLines;
import vn.motcua.central.report.officer.OfficerDayReport;
import vn.motcua.central.report.officer.OfficerPeriod;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Views;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The officer's day for managers: the page {@code /reports/officers} (a day, week or month; one site or all), its
 * CSV and its workbook, for reporters and admins, who see every officer. An officer sees their own figures of today
 * on the counter console instead. One site is computed as asked; all sites are read from the lines kept per site
 * ({@link KeptOfficerLines}), and the page says as of when and how many sites wait for an update.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class OfficerDayController {
    private final OfficerDayReport reports;
    private final KeptOfficerLines kept;
    private final Views views;
    private final Clock clock;

    public OfficerDayController(OfficerDayReport reports, KeptOfficerLines kept, Views views, Clock clock) {
        this.reports = reports;
        this.kept = kept;
        this.views = views;
        this.clock = clock;
    }

    /**
     * The page's model; {@code computedAt} (as the page writes a time, "—" when nothing is kept) and
     * {@code waitingSites} only for all sites, null for one.
     */
    public record Page(OfficerPeriod period, String site, String unit, List<String> kinds, String query,
                       ReportViews.Table table, String computedAt, Integer waitingSites) {
    }

    /** The report asked for; {@code kept} tells how fresh all sites' lines are, null for one site. */
    private record Shown(OfficerDayReport.Report report, KeptOfficerLines.AllSites kept) {
    }

    private Shown shown(HttpRequest<?> request) {
        OfficerPeriod period = OfficerPeriod.of(request.getParameters().get("kind"),
                request.getParameters().get("value"), LocalDate.now(clock.withZone(Html.ZONE)));
        String site = ReportAccess.site(request);
        if (site.isEmpty()) {
            KeptOfficerLines.AllSites all = kept.report(period);
            return new Shown(all.report(), all);
        }
        return new Shown(reports.report(period, site), null);
    }

    private OfficerDayReport.Report report(HttpRequest<?> request) {
        return shown(request).report();
    }

    private static String query(OfficerDayReport.Report r) {
        return "kind=" + r.period().kind() + "&value=" + r.period().value() + "&site="
                + URLEncoder.encode(r.site(), StandardCharsets.UTF_8);
    }

    @Get(value = "/reports/officers", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        Shown shown = shown(request);
        OfficerDayReport.Report r = shown.report();
        KeptOfficerLines.AllSites all = shown.kept();
        Page model = new Page(r.period(), r.site(), r.unit(), OfficerPeriod.KINDS, query(r),
                new ReportViews.Table("officer-day", ReportColumns.officerDay(r.site().isEmpty()), r.officers(),
                        true),
                all == null ? null : all.asOf() == null ? "—" : Html.time(all.asOf()),
                all == null ? null : all.waitingSites());
        return views.page("report/officerDay.jte", new Frame(lang, who, lang.t("officerDay.title"), "reports"),
                model);
    }

    /** As of when all sites' kept lines were computed, and how many sites wait, in words; empty for one site. */
    private static String freshness(KeptOfficerLines.AllSites all, Lang lang) {
        if (all == null) {
            return "";
        }
        return lang.t("officerDay.computedAt") + " " + (all.asOf() == null ? "—" : Html.time(all.asOf())) + " · "
                + all.waitingSites() + " " + lang.t("officerDay.waitingSites");
    }

    @Get(value = "/reports/officers.csv", produces = "text/csv")
    public HttpResponse<byte[]> csv(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        OfficerDayReport.Report r = report(request);
        return HttpResponse.ok(ReportCsv.write(ReportColumns.OFFICER_DAY, r.officers(), Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"officers-" + r.period().value() + ".csv\"");
    }

    @Get(value = "/reports/officers.xlsx", produces = ReportXlsx.MEDIA_TYPE)
    public HttpResponse<byte[]> xlsx(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        Shown shown = shown(request);
        OfficerDayReport.Report r = shown.report();
        byte[] xlsx = OfficerDayXlsx.write(r, lang, who.username(), LocalDateTime.now(clock.withZone(Html.ZONE)),
                freshness(shown.kept(), lang));
        return HttpResponse.ok(xlsx).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"officers-" + r.period().value() + ".xlsx\"");
    }
}
