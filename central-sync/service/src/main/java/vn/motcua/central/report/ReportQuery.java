package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import vn.motcua.central.api.BadParameterException;

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

    public static ReportQuery of(HttpRequest<?> request) {
        Map<String, List<String>> p = request.getParameters().asMap();
        LocalDate today = RatingRollup.today();
        LocalDate from = date(p, "from", today.withDayOfMonth(1));
        LocalDate to = date(p, "to", today);
        if (to.isBefore(from)) {
            throw new BadParameterException("to", "must not be before from");
        }
        if (from.plusYears(3).isBefore(to)) {
            throw new BadParameterException("to", "a report covers at most 3 years");
        }
        String period = text(p, "period");
        if (period.isEmpty()) {
            period = "day";
        } else if (!PERIODS.contains(period)) {
            throw new BadParameterException("period", "must be one of day, week, month");
        }
        String groupBy = text(p, "groupBy");
        if (!groupBy.isEmpty() && !DIMENSIONS.containsKey(groupBy)) {
            throw new BadParameterException("groupBy", "must be one of site, counter, officer, procedure");
        }
        return new ReportQuery(from, to, period, text(p, "site"), text(p, "counter"), text(p, "officer"),
                text(p, "procedure"), groupBy);
    }

    private static LocalDate date(Map<String, List<String>> p, String name, LocalDate fallback) {
        String v = text(p, name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "must be a date like 2026-03-31");
        }
    }

    private static String text(Map<String, List<String>> p, String name) {
        List<String> values = p.get(name);
        String v = values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).trim();
        if (v.length() > TEXT_MAX) {
            throw new BadParameterException(name, "must be at most " + TEXT_MAX + " characters");
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
