package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.web.Principal;
import vn.motcua.central.report.integrity.IntegrityService;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.time.Clock;
import java.util.List;

/** The satisfaction report page, its CSV and XLSX exports and the queue figures' CSV, for reporters and admins. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {
    private final ReportService reports;
    private final Views views;
    private final Clock clock;
    private final IntegrityService integrity;

    public ReportController(ReportService reports, Views views, Clock clock, IntegrityService integrity) {
        this.reports = reports;
        this.views = views;
        this.clock = clock;
        this.integrity = integrity;
    }

    @Get(value = "/reports/export.csv", produces = "text/csv")
    public HttpResponse<byte[]> export(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        ReportService.Report r = reports.report(ReportQuery.of(request, RatingRollup.today(clock)));
        List<ReportService.Line> lines = r.query().groupBy().isEmpty() ? r.trend() : r.lines();
        return HttpResponse.ok(ReportCsv.write(ReportColumns.RATINGS, lines, Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"satisfaction-" + r.query().from() + "-"
                        + r.query().to() + ".csv\"");
    }

    /** The same report as the CSV, and the queue figures, as an Excel workbook in the page's language. */
    @Get(value = "/reports/export.xlsx", produces = ReportXlsx.MEDIA_TYPE)
    public HttpResponse<byte[]> exportXlsx(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        ReportQuery q = ReportQuery.of(request, RatingRollup.today(clock));
        Lang lang = Lang.of(request);
        IntegrityService.Report flagged = integrity.report(q);
        byte[] xlsx = ReportXlsx.write(reports.report(q), reports.queue(q), flagged.flags(),
                flagged.wholeMonthsOnly() ? lang.t("integrity.wholeMonthsOnly") : "", lang);
        return HttpResponse.ok(xlsx).contentType(new MediaType(ReportXlsx.MEDIA_TYPE))
                .header("Content-Disposition", "attachment; filename=\"satisfaction-" + q.from() + "-" + q.to()
                        + ".xlsx\"");
    }

    /** The queue figures per service, then per counter, as one table; times in seconds, empty when none. */
    @Get(value = "/reports/queue.csv", produces = "text/csv")
    public HttpResponse<byte[]> exportQueue(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        ReportQuery q = ReportQuery.of(request, RatingRollup.today(clock));
        return HttpResponse.ok(ReportCsv.write(ReportColumns.QUEUE, ReportColumns.queueRows(reports.queue(q)),
                        Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"queue-" + q.from() + "-" + q.to() + ".csv\"");
    }

    /** The integrity flags of the period per officer and kiosk, one line each; every rating stays in the figures. */
    @Get(value = "/reports/integrity.csv", produces = "text/csv")
    public HttpResponse<byte[]> exportIntegrity(HttpRequest<?> request) {
        ReportAccess.reporter(request);
        ReportQuery q = ReportQuery.of(request, RatingRollup.today(clock));
        IntegrityService.Report report = integrity.report(q);
        if (report.wholeMonthsOnly()) {
            throw new BadParameterException("site", Lang.of(request).t("integrity.wholeMonthsOnly"));
        }
        MutableHttpResponse<byte[]> response = HttpResponse.ok(ReportCsv.write(ReportColumns.INTEGRITY_FLAGS,
                        report.flags(), Lang.of(request)))
                .contentType(new MediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"integrity-" + q.from() + "-" + q.to()
                        + ".csv\"");
        if (report.kept() != null) {
            // whole months: summed from kept figures, as fresh as these say (the page says it in words)
            response.header("X-Integrity-Kept-As-Of", report.kept().asOf() == null ? ""
                    : report.kept().asOf().toString()).header("X-Integrity-Sites-Due",
                    String.valueOf(report.kept().sitesDue()));
        }
        return response;
    }

    /** A duration in seconds as m:ss (minutes may pass 59), or a dash when there is none. */
    static String minutesSeconds(Double seconds) {
        return ReportColumn.minutesSeconds(seconds);
    }

    @Get(value = "/reports", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        ReportQuery q = ReportQuery.of(request, RatingRollup.today(clock));
        ReportService.Report r = reports.report(q);
        ReportService.Line total = r.total();
        List<List<ReportService.QueueLine>> queue = reports.queue(q);
        IntegrityService.Report flagged = integrity.report(q);
        ReportViews.ReportModel model = new ReportViews.ReportModel(q, ReportQuery.PERIODS,
                List.of("site", "counter", "officer", "procedure"),
                ReportColumn.Format.SHARE.page(total.satisfiedShare(), lang), total.total(),
                new ReportViews.Table("summary-table", ReportColumns.ratingsOnPage(false, false), List.of(total),
                        false),
                ReportViews.trendChart(r.trend()),
                new ReportViews.Table("trend-table", ReportColumns.ratingsOnPage(true, false), r.trend(), false),
                q.groupBy().isEmpty() ? null
                        : new ReportViews.Table("group-table", ReportColumns.ratingsOnPage(true, true), r.lines(),
                        false),
                new ReportViews.Table("queue-services", ReportColumns.queueOnPage(true),
                        ReportColumns.queueRows(ReportColumns.QueueRow.SERVICE, queue.get(0)), true),
                new ReportViews.Table("queue-counters", ReportColumns.queueOnPage(false),
                        ReportColumns.queueRows(ReportColumns.QueueRow.COUNTER, queue.get(1)), true),
                new ReportViews.Table("low-ratings", ReportColumns.lowRatingsOnPage(), r.low(), false),
                new ReportViews.Table("integrity-flags", ReportColumns.INTEGRITY_FLAGS, flagged.flags(), false),
                flagged.wholeMonthsOnly());
        return views.page("report/report.jte", new Frame(lang, who, lang.t("reports"), "reports"), model);
    }
}
