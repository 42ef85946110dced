package vn.motcua.central.report.integrity;

import vn.motcua.central.report.ReportAccess;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.report.ReportColumns;
import vn.motcua.central.report.RatingRollup;
import vn.motcua.central.report.ReportQuery;
import vn.motcua.central.report.ReportViews;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Views;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The integrity flags of a period per officer and kiosk, and the ratings behind one flag, for reporters. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class IntegrityController {
    private final IntegrityService integrity;
    private final IntegrityConfig config;
    private final Views views;
    private final Clock clock;

    public IntegrityController(IntegrityService integrity, IntegrityConfig config, Views views, Clock clock) {
        this.integrity = integrity;
        this.config = config;
        this.views = views;
        this.clock = clock;
    }

    /**
     * The page's model: the filters, the settings in words, the flags, and the drill-down when one is open;
     * {@code kept} says how fresh the kept monthly figures are when the flags were summed from them (else empty);
     * {@code wholeMonthsOnly} that no flags were made, as days over all sites are not offered.
     */
    public record IntegrityModel(ReportQuery query, String settings, ReportViews.Table flags, List<Link> links,
                                 Flag open, ReportViews.Table ratings, String kept, boolean wholeMonthsOnly) {
    }

    /** The drill-down link of one flag line. */
    public record Link(String href, String label) {
    }

    @Get(value = "/reports/integrity", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        ReportQuery q = ReportQuery.of(request, RatingRollup.today(clock));
        IntegrityService.Report report = integrity.report(q);
        List<Flag> flags = report.flags();
        List<Link> links = flags.stream().map(f -> new Link(drillDown(q, f), lang.t("integrity.details"))).toList();
        IntegrityModel model = new IntegrityModel(q, settings(lang),
                new ReportViews.Table("integrity-flags", ReportColumns.INTEGRITY_FLAGS, flags, false), links, null,
                null, kept(report.kept(), lang), report.wholeMonthsOnly());
        return views.page("report/integrity.jte", new Frame(lang, who, lang.t("integrity.title"), "reports"), model);
    }

    @Get(value = "/reports/integrity/ratings", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> ratings(HttpRequest<?> request) {
        Principal who = ReportAccess.reporter(request);
        Lang lang = Lang.of(request);
        ReportQuery q = ReportQuery.of(request, RatingRollup.today(clock));
        Subject subject = Subject.of(param(request, "subject"))
                .orElseThrow(() -> new BadParameterException("subject", "officer | kiosk"));
        FlagKind kind = FlagKind.of(param(request, "flag"))
                .orElseThrow(() -> new BadParameterException("flag", "burst | never_served | rated_late | "
                        + "anonymous_over_served | top_share"));
        String id = param(request, "id");
        String site = param(request, "flagSite");
        // the ratings behind a flag are read from the events of the flag's site alone, whatever the range
        Flag flag = integrity.flags(q.from(), q.to(), site.isEmpty() ? q.site() : site).stream()
                .filter(f -> f.subject() == subject && f.kind() == kind
                        && f.id().equals(id) && (site.isEmpty() || f.site().equals(site))).findFirst()
                .orElse(new Flag(site, subject, id, kind, List.of(), 0, null, null));
        IntegrityModel model = new IntegrityModel(q, settings(lang),
                new ReportViews.Table("integrity-flag", ReportColumns.INTEGRITY_FLAGS, List.of(flag), false),
                List.of(), flag,
                new ReportViews.Table("integrity-ratings", ReportColumns.INTEGRITY_RATINGS, flag.ratings(), true), "",
                false);
        return views.page("report/integrityRatings.jte",
                new Frame(lang, who, lang.t("integrity.ratingsBehind"), "reports"), model);
    }

    private static String param(HttpRequest<?> request, String name) {
        String v = request.getParameters().get(name);
        if (v != null && v.length() > 64) {
            throw new BadParameterException(name, "at most 64 characters");
        }
        return v == null ? "" : v.trim();
    }

    static String drillDown(ReportQuery q, Flag f) {
        return "/reports/integrity/ratings?" + q.queryString() + "&flagSite=" + encode(f.site()) + "&subject="
                + f.subjectCode() + "&id=" + encode(f.id()) + "&flag=" + f.kindCode();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String kept(IntegrityMonths.Kept kept, Lang lang) {
        if (kept == null) {
            return "";
        }
        return String.format(Locale.ROOT, lang.t("integrity.kept"), Html.time(kept.asOf()), kept.sitesDue());
    }

    private String settings(Lang lang) {
        return String.format(Locale.ROOT, lang.t("integrity.settings"), config.burstRatings(),
                config.burstWithin().toSeconds(), config.longAfter().toMinutes(),
                String.valueOf(config.topShareSignificance()), config.topShareMinRatings());
    }
}
