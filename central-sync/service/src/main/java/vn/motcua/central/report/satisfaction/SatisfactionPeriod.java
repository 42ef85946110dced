package vn.motcua.central.report.satisfaction;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a 766 report covers: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}),
 * in local days.
 */
public record SatisfactionPeriod(String kind, String value, LocalDate from, LocalDate to) {
    public static final List<String> KINDS = List.of("month", "quarter", "year");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    /** The period named by {@code kind} and {@code value}; the current month, quarter or year when unreadable. */
    public static SatisfactionPeriod of(String kind, String value, LocalDate today) {
        String k = kind != null && KINDS.contains(kind) ? kind : "month";
        String v = value == null ? "" : value.trim();
        try {
            switch (k) {
                case "quarter" -> {
                    Matcher m = QUARTER.matcher(v);
                    if (m.matches()) {
                        return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    }
                    return quarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1);
                }
                case "year" -> {
                    int year = YEAR.matcher(v).matches() ? Integer.parseInt(v) : today.getYear();
                    return new SatisfactionPeriod(k, String.valueOf(year), LocalDate.of(year, 1, 1),
                            LocalDate.of(year, 12, 31));
                }
                default -> {
                    YearMonth m = v.isEmpty() ? YearMonth.from(today) : YearMonth.parse(v);
                    return new SatisfactionPeriod(k, m.toString(), m.atDay(1), m.atEndOfMonth());
                }
            }
        } catch (java.time.DateTimeException e) {
            return of(k, "", today);
        }
    }

    private static SatisfactionPeriod quarter(int year, int q) {
        LocalDate from = LocalDate.of(year, 3 * q - 2, 1);
        return new SatisfactionPeriod("quarter", year + "-Q" + q, from, from.plusMonths(3).minusDays(1));
    }
}
