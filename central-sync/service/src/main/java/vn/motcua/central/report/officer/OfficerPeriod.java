package vn.motcua.central.report.officer;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period of the officer's day report: a day ({@code 2026-11-03}), an ISO week ({@code 2026-W45}, Monday to
 * Sunday) or a month ({@code 2026-11}), in local days.
 */
public record OfficerPeriod(String kind, String value, LocalDate from, LocalDate to) {
    public static final List<String> KINDS = List.of("day", "week", "month");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");

    /** The period named by {@code kind} and {@code value}; today, this week or this month when unreadable. */
    public static OfficerPeriod of(String kind, String value, LocalDate today) {
        String k = kind != null && KINDS.contains(kind) ? kind : "day";
        String v = value == null ? "" : value.trim();
        try {
            switch (k) {
                case "week" -> {
                    Matcher m = WEEK.matcher(v);
                    LocalDate inWeek = today;
                    if (m.matches()) {
                        LocalDate jan4 = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4);
                        long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
                        int week = Integer.parseInt(m.group(2));
                        if (week < 1 || week > weeks) {
                            throw new DateTimeException("no week " + week);
                        }
                        inWeek = jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week);
                    }
                    LocalDate monday = inWeek.with(DayOfWeek.MONDAY);
                    String name = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                            monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    return new OfficerPeriod(k, name, monday, monday.plusDays(6));
                }
                case "month" -> {
                    YearMonth m = v.isEmpty() ? YearMonth.from(today) : YearMonth.parse(v);
                    return new OfficerPeriod(k, m.toString(), m.atDay(1), m.atEndOfMonth());
                }
                default -> {
                    LocalDate d = v.isEmpty() ? today : LocalDate.parse(v);
                    return new OfficerPeriod(k, d.toString(), d, d);
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            return of(k, "", today);
        }
    }
}
