package vn.motcua.central.report;

import io.micronaut.core.annotation.Nullable;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One column of a report, declared once and read by the page's table, the CSV and the XLSX alike: its name in the
 * CSV header ({@code key}), the message key of its header on the page and in the workbook, how to read its value
 * from a row, and its format, which says how each of the three writes that value.
 *
 * @param sheetLabel the workbook's header when it differs from the page's (a time in seconds rather than m:ss)
 * @param page       how the page's table marks the column, for its style and for scripts
 */
public record ReportColumn<R>(String key, String label, String sheetLabel, Format format, Function<R, ?> value,
                              PageCell page) {

    /** A column with the same header on the page and in the workbook, and no mark on the page. */
    static <R> ReportColumn<R> of(String key, String label, Format format, Function<R, ?> value) {
        return new ReportColumn<>(key, label, label, format, value, PageCell.PLAIN);
    }

    ReportColumn<R> sheetLabel(String messageKey) {
        return new ReportColumn<>(key, label, messageKey, format, value, page);
    }

    ReportColumn<R> label(String messageKey) {
        return new ReportColumn<>(key, messageKey, sheetLabel, format, value, page);
    }

    ReportColumn<R> page(PageCell cell) {
        return new ReportColumn<>(key, label, sheetLabel, format, value, cell);
    }

    /**
     * How the page's table marks a column's header and cells: a class for each, and the {@code data-f} or
     * {@code data-level} attribute its cells carry (null: none).
     */
    public record PageCell(@Nullable String headClass, @Nullable String cellClass, @Nullable String field,
                           @Nullable String level) {
        static final PageCell PLAIN = new PageCell(null, null, null, null);
        static final PageCell WRAP = new PageCell(null, "wrap", null, null);

        static PageCell number(String field) {
            return new PageCell("num", "num", field, null);
        }

        static PageCell level(String level) {
            return new PageCell(null, null, null, level);
        }
    }

    /** The value's text in a cell of the page's table. */
    @SuppressWarnings("unchecked")
    public String pageText(Object row, Lang lang) {
        return format.page(value.apply((R) row), lang);
    }

    /** The value as a CSV cell. */
    String csv(R row, Lang lang) {
        return format.csv(value.apply(row), lang);
    }

    /** The value as a workbook cell: text, a number, a time or a {@link ReportXlsx.Percent}; null for no cell. */
    Object sheet(R row, Lang lang) {
        return format.sheet(value.apply(row), lang);
    }

    /** How a value is written on the page, in the CSV and in the workbook. */
    enum Format {
        /** Text as it is; quoted in the CSV. */
        TEXT,
        /** Text, shown on the page as a dash when empty. */
        TEXT_OR_DASH,
        /** A code: as it is in the CSV, in words (its message key) on the page and in the workbook. */
        CODE,
        /** A message key: in words everywhere, the CSV included. */
        WORDS,
        /** A count: a number. */
        COUNT,
        /** A share 0..1: a percentage on the page and in the workbook, four decimals in the CSV. */
        SHARE,
        /** A duration in seconds: m:ss on the page, seconds with one decimal in the CSV, whole seconds in the sheet. */
        SECONDS,
        /** A kiosk's wall time: in the desk's zone on the page and in the workbook. */
        WALL_TIME,
        /** A rating level's code: in words. */
        LEVEL,
        /** A low rating's reason codes: in words. */
        REASONS;

        String page(Object v, Lang lang) {
            return switch (this) {
                case TEXT -> v == null ? "" : v.toString();
                case TEXT_OR_DASH -> v == null || v.toString().isEmpty() ? "—" : v.toString();
                case CODE, WORDS -> lang.t(v.toString());
                case COUNT -> v == null ? "—" : String.valueOf(v);
                case SHARE -> v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * (Double) v);
                case SECONDS -> minutesSeconds((Double) v);
                case WALL_TIME -> v == null ? "" : pageTime(v.toString());
                case LEVEL -> lang.t("level." + v);
                case REASONS -> lang.reasons((String) v);
            };
        }

        String csv(Object v, Lang lang) {
            return switch (this) {
                case WORDS -> quoted(v == null ? null : lang.t(v.toString()));
                case TEXT, TEXT_OR_DASH, WALL_TIME, LEVEL, REASONS -> quoted(v == null ? null : v.toString());
                case CODE, COUNT -> v == null ? "" : v.toString();
                case SHARE -> v == null ? "" : String.format(Locale.ROOT, "%.4f", (Double) v);
                case SECONDS -> v == null ? "" : String.format(Locale.ROOT, "%.1f", (Double) v);
            };
        }

        Object sheet(Object v, Lang lang) {
            return switch (this) {
                case TEXT, TEXT_OR_DASH, COUNT -> v;
                case CODE, WORDS, LEVEL, REASONS -> page(v, lang);
                case SHARE -> v == null ? null : new ReportXlsx.Percent((Double) v);
                case SECONDS -> v == null ? null : Math.round((Double) v);
                case WALL_TIME -> sheetTime(v == null ? null : v.toString());
            };
        }
    }

    /** A duration in seconds as m:ss (minutes may pass 59), or a dash when there is none. */
    static String minutesSeconds(Double seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** What a spreadsheet may read as the start of a formula or a command; see {@link #quoted}. */
    private static final String FORMULA_START = "=+-@|\t\r\n ";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    /**
     * A CSV cell, quoted. A text that a spreadsheet could take for a formula or a command — one starting with
     * = + - @ | a tab, a line break or a space (some programs trim it, then read what follows) — gets a leading
     * {@code '}, which spreadsheets show as "this is text". A plain number (a counter named -1) stays a number.
     */
    static String quoted(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && FORMULA_START.indexOf(s.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** A kiosk's wall time, shown in the desk's zone as the other pages show times. */
    private static String pageTime(String at) {
        try {
            return Html.time(OffsetDateTime.parse(at).toInstant());
        } catch (DateTimeParseException e) {
            return at;
        }
    }

    /** A kiosk's wall time in the desk's zone, as the page shows it; the text as it came when it is not a time. */
    private static Object sheetTime(String at) {
        try {
            return LocalDateTime.ofInstant(OffsetDateTime.parse(at).toInstant(), Html.ZONE);
        } catch (DateTimeParseException | NullPointerException e) {
            return at;
        }
    }
}
