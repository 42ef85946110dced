package vn.motcua.central.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import vn.motcua.central.web.Lang;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
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
    record Percent(double value) {
    }

    /**
     * The workbook with a last sheet of the period's integrity flags, beside (never instead of) the figures;
     * {@code flagsNote}: when not empty, why that sheet has no flags, as its one line.
     */
    static byte[] write(ReportService.Report report, List<List<ReportService.QueueLine>> queue,
                        List<vn.motcua.central.report.integrity.Flag> flags, String flagsNote, Lang lang) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try (workbook) {
            Styles styles = new Styles(workbook);
            // the same lines as the CSV export: per period, or per period and group when the report is grouped
            sheet(workbook, styles, lang, lang.t("xlsx.ratings"), ReportColumns.RATINGS,
                    report.query().groupBy().isEmpty() ? report.trend() : report.lines()).finish();
            sheet(workbook, styles, lang, lang.t("lowRatings"), ReportColumns.LOW_RATINGS, report.low()).finish();
            sheet(workbook, styles, lang, lang.t("queueFigures"), ReportColumns.QUEUE, ReportColumns.queueRows(queue))
                    .finish();
            Sheet integrity = sheet(workbook, styles, lang, lang.t("integrity.onReport"), ReportColumns.INTEGRITY_FLAGS,
                    flags);
            if (!flagsNote.isEmpty()) {
                integrity.row(new Object[] {flagsNote});
            }
            integrity.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("report workbook: " + e.getMessage(), e);
        } finally {
            workbook.dispose();
        }
    }

    /** A workbook of one sheet: the columns' headers, then one row per line. */
    static <R> byte[] single(String name, List<ReportColumn<R>> columns, List<R> rows, Lang lang) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try (workbook) {
            sheet(workbook, new Styles(workbook), lang, name, columns, rows).finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " workbook: " + e.getMessage(), e);
        } finally {
            workbook.dispose();
        }
    }

    /** A sheet with its header and rows, left open for a last line: the caller finishes it. */
    private static <R> Sheet sheet(SXSSFWorkbook workbook, Styles styles, Lang lang, String name,
                                   List<ReportColumn<R>> columns, List<R> rows) {
        List<String> header = new ArrayList<>();
        for (ReportColumn<R> c : columns) {
            header.add(lang.t(c.sheetLabel()));
        }
        Sheet sheet = new Sheet(workbook, styles, name, header);
        for (R row : rows) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = columns.get(i).sheet(row, lang);
            }
            sheet.row(values);
        }
        return sheet;
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
