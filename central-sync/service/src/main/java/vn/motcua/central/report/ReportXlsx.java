package vn.motcua.central.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The satisfaction report as an Excel workbook: the rating lines, the low ratings and the queue figures, one sheet
 * each, in the page's language. Rows go out through a streaming workbook that keeps only a window of them in memory.
 * Text is always written as text, so a comment that starts with = is never run as a formula.
 */
final class ReportXlsx {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int ROWS_IN_MEMORY = 200;
    private static final int MAX_COLUMN_CHARS = 60;

    private ReportXlsx() {
    }

    /** A share 0..1, shown as a percentage. */
    private record Percent(double value) {
    }

    static byte[] write(ReportService.Report report, List<List<ReportService.QueueLine>> queue, Lang lang) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try (workbook) {
            Styles styles = new Styles(workbook);
            ratingSheet(workbook, styles, lang, report);
            lowRatingSheet(workbook, styles, lang, report.low());
            queueSheet(workbook, styles, lang, queue);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("report workbook: " + e.getMessage(), e);
        } finally {
            workbook.dispose();
        }
    }

    /** The same lines as the CSV export: per period, or per period and group when the report is grouped. */
    private static void ratingSheet(SXSSFWorkbook workbook, Styles styles, Lang lang, ReportService.Report report) {
        List<String> header = new ArrayList<>(List.of(lang.t("period"), lang.t("group")));
        for (String level : ReportService.LEVELS) {
            header.add(lang.t("level." + level));
        }
        header.add(lang.t("total"));
        header.add(lang.t("satisfiedShareHeader"));
        Sheet sheet = new Sheet(workbook, styles, lang.t("xlsx.ratings"), header);
        List<ReportService.Line> lines = report.query().groupBy().isEmpty() ? report.trend() : report.lines();
        for (ReportService.Line l : lines) {
            List<Object> row = new ArrayList<>(List.of(l.period(), l.group()));
            for (long c : l.counts()) {
                row.add(c);
            }
            row.add(l.total());
            row.add(l.satisfiedShare() == null ? null : new Percent(l.satisfiedShare()));
            sheet.row(row.toArray());
        }
        sheet.finish();
    }

    private static void lowRatingSheet(SXSSFWorkbook workbook, Styles styles, Lang lang,
                                       List<ReportService.LowRating> low) {
        Sheet sheet = new Sheet(workbook, styles, lang.t("lowRatings"), List.of(lang.t("ratedAt"), lang.t("site"),
                lang.t("kiosk"), lang.t("counter"), lang.t("officer"), lang.t("procedure"), lang.t("level"),
                lang.t("reasons"), lang.t("comment")));
        for (ReportService.LowRating l : low) {
            sheet.row(wallTime(l.at()), l.siteId(), l.kioskId(), l.counter(), l.officerId(), l.procedureCode(),
                    lang.t("level." + l.level()), lang.reasons(l.reasons()), l.comment());
        }
        sheet.finish();
    }

    /** Tickets issued per service; served, no-shows and average service time per counter, as on the page. */
    private static void queueSheet(SXSSFWorkbook workbook, Styles styles, Lang lang,
                                   List<List<ReportService.QueueLine>> queue) {
        Sheet sheet = new Sheet(workbook, styles, lang.t("queueFigures"), List.of(lang.t("xlsx.queueBy"),
                lang.t("xlsx.queueKey"), lang.t("ticketsIssued"), lang.t("ticketsCalled"),
                lang.t("xlsx.avgWaitSeconds"), lang.t("ticketsServed"), lang.t("xlsx.avgServiceSeconds"),
                lang.t("noShows")));
        for (int i = 0; i < 2; i++) {
            boolean byService = i == 0;
            for (ReportService.QueueLine l : queue.get(i)) {
                sheet.row(lang.t(byService ? "service" : "counter"), l.key(), byService ? l.issued() : null,
                        l.called(), rounded(l.averageWaitSeconds()), l.served(), rounded(l.averageServiceSeconds()),
                        l.noShows());
            }
        }
        sheet.finish();
    }

    private static Long rounded(Double seconds) {
        return seconds == null ? null : Math.round(seconds);
    }

    /** A kiosk's wall time in the desk's zone, as the page shows it; the text as it came when it is not a time. */
    private static Object wallTime(String at) {
        try {
            return LocalDateTime.ofInstant(OffsetDateTime.parse(at).toInstant(), Html.ZONE);
        } catch (DateTimeParseException | NullPointerException e) {
            return at;
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle time;
        final CellStyle percent;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            time = workbook.createCellStyle();
            time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
        }
    }

    /** One sheet: a bold, frozen header row, then rows of text, numbers, times and percentages. */
    private static final class Sheet {
        private final SXSSFSheet sheet;
        private final Styles styles;
        private final int[] widths;
        private int next;

        Sheet(SXSSFWorkbook workbook, Styles styles, String name, List<String> header) {
            this.sheet = workbook.createSheet(name);
            this.styles = styles;
            this.widths = new int[header.size()];
            Row row = sheet.createRow(next++);
            for (int i = 0; i < header.size(); i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(header.get(i));
                cell.setCellStyle(styles.header);
                widths[i] = header.get(i).length() + 2;
            }
            sheet.createFreezePane(0, 1);
        }

        void row(Object... values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                int chars;
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                    chars = String.valueOf(n).length();
                } else if (v instanceof Percent p) {
                    cell.setCellValue(p.value());
                    cell.setCellStyle(styles.percent);
                    chars = 7;
                } else if (v instanceof LocalDateTime t) {
                    cell.setCellValue(t);
                    cell.setCellStyle(styles.time);
                    chars = 19;
                } else {
                    String s = v.toString();
                    cell.setCellValue(s);
                    chars = s.length();
                }
                if (i < widths.length) {
                    widths[i] = Math.max(widths[i], chars + 1);
                }
            }
        }

        /** Column widths from the longest value, within bounds: no auto-size, which would need every row kept. */
        void finish() {
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, Math.min(MAX_COLUMN_CHARS, Math.max(8, widths[i])) * 256);
            }
        }
    }
}
