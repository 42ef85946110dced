package vn.motcua.central.report;

import vn.motcua.central.report.ReportColumn.Format;
import vn.motcua.central.report.ReportColumn.PageCell;
import vn.motcua.central.report.integrity.Flag;
import vn.motcua.central.report.integrity.Rated;
import vn.motcua.central.report.officer.OfficerLine;
import vn.motcua.central.report.satisfaction.SatisfactionLine;
import vn.motcua.central.report.servicelevel.ServiceLevelLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the report's tables, each declared once: the page's tables, the CSV exports and the workbook's
 * sheets all read these lists. A new column is one entry here (and its header's text in the message bundles).
 */
public final class ReportColumns {
    private ReportColumns() {
    }

    /** A line of the queue figures, of a service or of a counter. */
    public record QueueRow(String by, ReportService.QueueLine line) {
        static final String SERVICE = "service";
        static final String COUNTER = "counter";

        boolean byService() {
            return by.equals(SERVICE);
        }
    }

    /** The rating lines: per period, or per period and group. */
    static final List<ReportColumn<ReportService.Line>> RATINGS = ratings();

    private static List<ReportColumn<ReportService.Line>> ratings() {
        List<ReportColumn<ReportService.Line>> c = new ArrayList<>();
        c.add(ReportColumn.of("period", "period", Format.TEXT, ReportService.Line::period));
        c.add(ReportColumn.of("group", "group", Format.TEXT_OR_DASH, ReportService.Line::group));
        for (int i = 0; i < ReportService.LEVELS.size(); i++) {
            int level = i;
            String code = ReportService.LEVELS.get(i);
            c.add(ReportColumn.<ReportService.Line>of(code, "level." + code, Format.COUNT, l -> l.counts()[level])
                    .page(PageCell.level(code)));
        }
        c.add(ReportColumn.of("total", "total", Format.COUNT, ReportService.Line::total));
        c.add(ReportColumn.of("satisfied_share", "satisfiedShareHeader", Format.SHARE,
                ReportService.Line::satisfiedShare));
        return List.copyOf(c);
    }

    /** The queue figures per service, then per counter; a counter has no tickets issued of its own. */
    static final List<ReportColumn<QueueRow>> QUEUE = List.of(
            ReportColumn.of("by", "xlsx.queueBy", Format.CODE, QueueRow::by),
            ReportColumn.of("key", "xlsx.queueKey", Format.TEXT, (QueueRow r) -> r.line().key()),
            ReportColumn.of("issued", "ticketsIssued", Format.COUNT,
                    (QueueRow r) -> r.byService() ? r.line().issued() : null).page(PageCell.number("issued")),
            ReportColumn.of("called", "ticketsCalled", Format.COUNT, (QueueRow r) -> r.line().called())
                    .page(PageCell.number("called")),
            ReportColumn.of("average_wait_seconds", "avgWaitTime", Format.SECONDS,
                    (QueueRow r) -> r.line().averageWaitSeconds())
                    .sheetLabel("xlsx.avgWaitSeconds").page(PageCell.number("wait")),
            ReportColumn.of("served", "ticketsServed", Format.COUNT, (QueueRow r) -> r.line().served())
                    .page(PageCell.number("served")),
            ReportColumn.of("average_service_seconds", "avgServiceTime", Format.SECONDS,
                    (QueueRow r) -> r.line().averageServiceSeconds())
                    .sheetLabel("xlsx.avgServiceSeconds").page(PageCell.number("service")),
            ReportColumn.of("no_shows", "noShows", Format.COUNT, (QueueRow r) -> r.line().noShows())
                    .page(PageCell.number("noShows")));

    /** The low ratings, newest first, with what the citizen chose and wrote. */
    static final List<ReportColumn<ReportService.LowRating>> LOW_RATINGS = List.of(
            ReportColumn.of("at", "issuedAt", Format.WALL_TIME, ReportService.LowRating::at).sheetLabel("ratedAt"),
            ReportColumn.of("site", "site", Format.TEXT, ReportService.LowRating::siteId),
            ReportColumn.of("kiosk", "kiosk", Format.TEXT, ReportService.LowRating::kioskId),
            ReportColumn.of("counter", "counter", Format.TEXT, ReportService.LowRating::counter),
            ReportColumn.of("officer", "officer", Format.TEXT, ReportService.LowRating::officerId),
            ReportColumn.of("procedure", "procedure", Format.TEXT, ReportService.LowRating::procedureCode),
            ReportColumn.of("level", "level", Format.LEVEL, ReportService.LowRating::level),
            ReportColumn.of("reasons", "reasons", Format.REASONS, ReportService.LowRating::reasons)
                    .page(PageCell.WRAP),
            ReportColumn.of("comment", "comment", Format.TEXT, ReportService.LowRating::comment).page(PageCell.WRAP));

    /**
     * The rating columns a page table shows: the summary has no period, and only the grouped table has the group.
     */
    static List<ReportColumn<ReportService.Line>> ratingsOnPage(boolean withPeriod, boolean withGroup) {
        return RATINGS.stream().filter(c -> (withPeriod || !c.key().equals("period"))
                && (withGroup || !c.key().equals("group"))).toList();
    }

    /**
     * The queue columns of the page's table of services or of counters: the table's heading says which, so there
     * is no {@code by} column; its first column is headed "service" or "counter"; counters have no tickets issued.
     */
    static List<ReportColumn<QueueRow>> queueOnPage(boolean byService) {
        return QUEUE.stream().filter(c -> !c.key().equals("by") && (byService || !c.key().equals("issued")))
                .map(c -> c.key().equals("key") ? c.label(byService ? QueueRow.SERVICE : QueueRow.COUNTER) : c)
                .toList();
    }

    /** The low-rating columns on the page, which leaves out the site: the workbook has it. */
    static List<ReportColumn<ReportService.LowRating>> lowRatingsOnPage() {
        return LOW_RATINGS.stream().filter(c -> !c.key().equals("site")).toList();
    }

    /** The queue figures as the exports list them: per service, then per counter. */
    static List<QueueRow> queueRows(List<List<ReportService.QueueLine>> queue) {
        List<QueueRow> rows = new ArrayList<>(queueRows(QueueRow.SERVICE, queue.get(0)));
        rows.addAll(queueRows(QueueRow.COUNTER, queue.get(1)));
        return rows;
    }

    /** {@code by}: {@link QueueRow#SERVICE} or {@link QueueRow#COUNTER}. */
    static List<QueueRow> queueRows(String by, List<ReportService.QueueLine> lines) {
        return lines.stream().map(l -> new QueueRow(by, l)).toList();
    }

    /** The integrity flags, one line per officer or kiosk and flag; nothing is left out of the figures for them. */
    public static final List<ReportColumn<Flag>> INTEGRITY_FLAGS = List.of(
            ReportColumn.of("site", "site", Format.TEXT, Flag::site),
            ReportColumn.of("subject", "integrity.subject", Format.CODE, Flag::subjectCode),
            ReportColumn.of("id", "integrity.id", Format.TEXT, Flag::id),
            ReportColumn.of("flag", "integrity.flag", Format.WORDS, (Flag f) -> "integrity." + f.kindCode()),
            ReportColumn.of("flagged_ratings", "integrity.flagged", Format.COUNT, Flag::flagged)
                    .page(PageCell.number("flagged")),
            ReportColumn.of("ratings", "integrity.subjectRatings", Format.COUNT, Flag::subjectRatings),
            ReportColumn.of("site_top_share", "integrity.siteTopShare", Format.SHARE, Flag::siteShare),
            ReportColumn.of("p_value", "integrity.pValue", Format.TEXT_OR_DASH,
                    (Flag f) -> f.pValue() == null ? null : String.format(java.util.Locale.ROOT, "%.2g", f.pValue())));

    /** The ratings behind one flag, oldest first. */
    public static final List<ReportColumn<Rated>> INTEGRITY_RATINGS = List.of(
            ReportColumn.of("at", "ratedAt", Format.WALL_TIME, (Rated r) -> r.at().toString()),
            ReportColumn.of("kiosk", "kiosk", Format.TEXT, Rated::kiosk),
            ReportColumn.of("ticket", "integrity.ticket", Format.TEXT_OR_DASH, Rated::ticketId),
            ReportColumn.of("counter", "counter", Format.TEXT_OR_DASH, Rated::counter),
            ReportColumn.of("officer", "officer", Format.TEXT_OR_DASH, Rated::officer),
            ReportColumn.of("level", "level", Format.LEVEL, Rated::level));

    /**
     * The 766 satisfaction lines: the site, the officer, counter or procedure ({@code key}, headed by what it is),
     * tickets served, ratings, satisfied and its share, dissatisfied, the 766 ratio and its grade.
     */
    static final List<ReportColumn<SatisfactionLine>> SATISFACTION_766 = List.of(
            ReportColumn.of("site", "site", Format.TEXT, SatisfactionLine::site),
            ReportColumn.of("key", "s766.key", Format.TEXT_OR_DASH, SatisfactionLine::key),
            ReportColumn.of("served", "ticketsServed", Format.COUNT, SatisfactionLine::served)
                    .page(PageCell.number("served")),
            ReportColumn.of("rated", "s766.rated", Format.COUNT, SatisfactionLine::rated).page(PageCell.number("rated")),
            ReportColumn.of("satisfied", "s766.satisfied", Format.COUNT, SatisfactionLine::satisfied)
                    .page(PageCell.number("satisfied")),
            ReportColumn.of("satisfied_share", "s766.satisfiedShare", Format.SHARE, SatisfactionLine::satisfiedShare)
                    .page(PageCell.number("satisfiedShare")),
            ReportColumn.of("dissatisfied", "s766.dissatisfied", Format.COUNT, SatisfactionLine::dissatisfied)
                    .page(PageCell.number("dissatisfied")),
            ReportColumn.of("ratio_766", "s766.ratio", Format.SHARE, SatisfactionLine::ratio766)
                    .page(PageCell.number("ratio")),
            ReportColumn.of("grade", "s766.grade", Format.CODE, SatisfactionLine::gradeKey)
                    .page(PageCell.number("grade")));

    /**
     * The 766 columns of a table of officers, counters or procedures ({@code by}: its message key heads the key
     * column); procedures have no tickets served, so no ratio either; {@code withSite}: all sites are shown.
     */
    static List<ReportColumn<SatisfactionLine>> satisfaction766(String by, boolean withSite) {
        boolean procedure = by.equals("procedure");
        return SATISFACTION_766.stream()
                .filter(c -> withSite || !c.key().equals("site"))
                .filter(c -> !procedure || !List.of("served", "ratio_766", "grade").contains(c.key()))
                .map(c -> c.key().equals("key") ? c.label(by).sheetLabel(by) : c)
                .toList();
    }

    /**
     * The officer's day: per site and officer, tickets served, no-shows, transfers and recalls, the median and 90th
     * percentile of waiting and service time, time at the counter and idle in it, ratings and the share satisfied.
     */
    static final List<ReportColumn<OfficerLine>> OFFICER_DAY = List.of(
            ReportColumn.of("site", "site", Format.TEXT, OfficerLine::site),
            ReportColumn.of("officer", "officer", Format.TEXT_OR_DASH, OfficerLine::officer),
            ReportColumn.of("served", "ticketsServed", Format.COUNT, OfficerLine::served)
                    .page(PageCell.number("served")),
            ReportColumn.of("no_shows", "noShows", Format.COUNT, OfficerLine::noShows).page(PageCell.number("noShows")),
            ReportColumn.of("transfers", "officerDay.transfers", Format.COUNT, OfficerLine::transfers)
                    .page(PageCell.number("transfers")),
            ReportColumn.of("recalls", "officerDay.recalls", Format.COUNT, OfficerLine::recalls)
                    .page(PageCell.number("recalls")),
            ReportColumn.of("median_wait_seconds", "officerDay.medianWait", Format.SECONDS,
                    OfficerLine::medianWaitSeconds).sheetLabel("officerDay.medianWaitSeconds")
                    .page(PageCell.number("medianWait")),
            ReportColumn.of("p90_wait_seconds", "officerDay.p90Wait", Format.SECONDS, OfficerLine::p90WaitSeconds)
                    .sheetLabel("officerDay.p90WaitSeconds").page(PageCell.number("p90Wait")),
            ReportColumn.of("median_service_seconds", "officerDay.medianService", Format.SECONDS,
                    OfficerLine::medianServiceSeconds).sheetLabel("officerDay.medianServiceSeconds")
                    .page(PageCell.number("medianService")),
            ReportColumn.of("p90_service_seconds", "officerDay.p90Service", Format.SECONDS,
                    OfficerLine::p90ServiceSeconds).sheetLabel("officerDay.p90ServiceSeconds")
                    .page(PageCell.number("p90Service")),
            ReportColumn.of("signed_in_seconds", "officerDay.signedIn", Format.SECONDS,
                    OfficerLine::signedInSeconds).sheetLabel("officerDay.signedInSeconds")
                    .page(PageCell.number("signedIn")),
            ReportColumn.of("at_counter_seconds", "officerDay.atCounter", Format.SECONDS,
                    OfficerLine::atCounterSeconds).sheetLabel("officerDay.atCounterSeconds")
                    .page(PageCell.number("atCounter")),
            ReportColumn.of("idle_seconds", "officerDay.idle", Format.SECONDS, OfficerLine::idleSeconds)
                    .sheetLabel("officerDay.idleSeconds").page(PageCell.number("idle")),
            ReportColumn.of("ratings", "s766.rated", Format.COUNT, OfficerLine::rated).page(PageCell.number("rated")),
            ReportColumn.of("satisfied_share", "s766.satisfiedShare", Format.SHARE, OfficerLine::satisfiedShare)
                    .page(PageCell.number("satisfiedShare")));

    /** The officer's day columns of the page: the site only when all sites are shown. */
    static List<ReportColumn<OfficerLine>> officerDay(boolean withSite) {
        return OFFICER_DAY.stream().filter(c -> withSite || !c.key().equals("site")).toList();
    }

    /**
     * Waiting against the service's target, per site, day, service and counter: calls, services, no-shows, the
     * known waits and how many of them passed the target, with their share.
     */
    static final List<ReportColumn<ServiceLevelLine>> SERVICE_LEVEL = List.of(
            ReportColumn.of("site", "site", Format.TEXT, ServiceLevelLine::site),
            ReportColumn.of("day", "sla.day", Format.TEXT, ServiceLevelLine::day),
            ReportColumn.of("service", "service", Format.TEXT_OR_DASH, ServiceLevelLine::service),
            ReportColumn.of("counter", "counter", Format.TEXT, ServiceLevelLine::counter),
            ReportColumn.of("target_minutes", "sla.target", Format.COUNT, ServiceLevelLine::targetMinutes)
                    .page(PageCell.number("target")),
            ReportColumn.of("called", "ticketsCalled", Format.COUNT, ServiceLevelLine::called)
                    .page(PageCell.number("called")),
            ReportColumn.of("served", "ticketsServed", Format.COUNT, ServiceLevelLine::served)
                    .page(PageCell.number("served")),
            ReportColumn.of("no_shows", "noShows", Format.COUNT, ServiceLevelLine::noShows)
                    .page(PageCell.number("noShows")),
            ReportColumn.of("waited", "sla.waited", Format.COUNT, ServiceLevelLine::waited)
                    .page(PageCell.number("waited")),
            ReportColumn.of("over_target", "sla.overTarget", Format.COUNT, ServiceLevelLine::overTarget)
                    .page(PageCell.number("over")),
            ReportColumn.of("over_target_share", "sla.overShare", Format.SHARE, ServiceLevelLine::overShare)
                    .page(PageCell.number("overShare")));

    /**
     * Waiting against the service's target over all sites for a month, quarter or year: the same columns per site
     * and service, without the day and the counter.
     */
    static final List<ReportColumn<ServiceLevelLine>> SERVICE_LEVEL_SITES = SERVICE_LEVEL.stream()
            .filter(c -> !List.of("day", "counter").contains(c.key())).toList();
}
