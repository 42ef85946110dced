package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.web.Lang;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A report's filters, validated. {@code groupBy} names a dimension column through a fixed map, never from the
 * request text; every value is a bind parameter.
 */
public record ReportQuery(LocalDate from, LocalDate to, String period, String site, String counter, String officer,
                          String procedure, String groupBy) {
    public static final List<String> PERIODS = List.of("day", "week", "month");
    public static final Map<String, String> DIMENSIONS = Map.of("site", "site_id", "counter", "counter",
            "officer", "officer_id", "procedure", "procedure_code");
    private static final int TEXT_MAX = 64;
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /** The filters of the request, the current month up to {@code today} by default; a bad one is a 400 naming it. */
    public static ReportQuery of(HttpRequest<?> request, LocalDate today) {
        Lang lang = Lang.of(request);
        Map<String, List<String>> p = request.getParameters().asMap();
        LocalDate from = date(p, "from", today.withDayOfMonth(1), lang);
        LocalDate to = date(p, "to", today, lang);
        if (to.isBefore(from)) {
            throw new BadParameterException("to", lang.t("q.toBeforeFrom"));
        }
        if (from.plusYears(3).isBefore(to)) {
            throw new BadParameterException("to", lang.t("q.atMost3Years"));
        }
        String period = text(p, "period", lang);
        if (period.isEmpty()) {
            period = "day";
        } else if (!PERIODS.contains(period)) {
            throw new BadParameterException("period", lang.t("q.period"));
        }
        String groupBy = text(p, "groupBy", lang);
        if (!groupBy.isEmpty() && !DIMENSIONS.containsKey(groupBy)) {
            throw new BadParameterException("groupBy", lang.t("q.groupBy"));
        }
        return new ReportQuery(from, to, period, text(p, "site", lang), text(p, "counter", lang),
                text(p, "officer", lang), text(p, "procedure", lang), groupBy);
    }

    /** A day of the report: ISO form, in years that can be added to without leaving the calendar. */
    private static LocalDate date(Map<String, List<String>> p, String name, LocalDate fallback, Lang lang) {
        String v = text(p, name, lang);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            LocalDate d = LocalDate.parse(v);
            if (!d.isBefore(EARLIEST) && !d.isAfter(LATEST)) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new BadParameterException(name, String.format(lang.t("q.date"), lang.t(name)));
    }

    private static String text(Map<String, List<String>> p, String name, Lang lang) {
        List<String> values = p.get(name);
        String v = values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).trim();
        if (v.length() > TEXT_MAX) {
            throw new BadParameterException(name, String.format(lang.t("q.tooLong"), lang.t(name), TEXT_MAX));
        }
        return v;
    }

    /** The dimension columns this query filters or groups on ({@code site_id}, {@code counter}, ...). */
    public Set<String> columns() {
        Set<String> columns = new TreeSet<>();
        if (!site.isEmpty()) {
            columns.add("site_id");
        }
        if (!counter.isEmpty()) {
            columns.add("counter");
        }
        if (!officer.isEmpty()) {
            columns.add("officer_id");
        }
        if (!procedure.isEmpty()) {
            columns.add("procedure_code");
        }
        if (!groupBy.isEmpty()) {
            columns.add(DIMENSIONS.get(groupBy));
        }
        return columns;
    }

    /** The query string that reproduces these filters (for links and the export). */
    public String queryString() {
        StringBuilder b = new StringBuilder("from=").append(from).append("&to=").append(to).append("&period=")
                .append(period);
        append(b, "site", site);
        append(b, "counter", counter);
        append(b, "officer", officer);
        append(b, "procedure", procedure);
        append(b, "groupBy", groupBy);
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String value) {
        if (!value.isEmpty()) {
            b.append('&').append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
