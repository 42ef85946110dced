package vn.motcua.central.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.motcua.central.web.Lang;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A workbook in the shape an office forwards upward: on each sheet a title naming the unit, the period, the header,
 * one row per line, an optional total, then the date it was made and by whom. Lines are a few thousand at most, so
 * it is built in memory. Text is always written as text, so a name that starts with = is never run as a formula.
 */
final class OfficeWorkbook {
    /** Rows above the header: the title, the period, a blank line. */
    static final int HEADER_ROW = 3;

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final Lang lang;
    private final CellStyle strong;
    private final CellStyle percent;
    private final CellStyle time;

    OfficeWorkbook(Lang lang) {
        this.lang = lang;
        Font bold = workbook.createFont();
        bold.setBold(true);
        strong = workbook.createCellStyle();
        strong.setFont(bold);
        percent = workbook.createCellStyle();
        percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
        time = workbook.createCellStyle();
        time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
    }

    /** Starts a sheet: its title and period lines, and the columns' header. */
    <R> Page<R> sheet(String name, String title, String period, List<ReportColumn<R>> columns) {
        Sheet sheet = workbook.createSheet(name);
        text(sheet.createRow(0), 0, title, strong);
        text(sheet.createRow(1), 0, period, null);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, Math.max(1, columns.size() - 1)));
        Row header = sheet.createRow(HEADER_ROW);
        for (int i = 0; i < columns.size(); i++) {
            String label = lang.t(columns.get(i).sheetLabel());
            text(header, i, label, strong);
            sheet.setColumnWidth(i, Math.max(12, Math.min(40, label.length() + 2)) * 256);
        }
        sheet.createFreezePane(0, HEADER_ROW + 1);
        return new Page<>(sheet, columns);
    }

    /** The workbook's bytes; the workbook is closed. */
    byte[] bytes(String what) {
        try (workbook) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " workbook: " + e.getMessage(), e);
        }
    }

    /** One sheet being written, row after row. */
    final class Page<R> {
        private final Sheet sheet;
        private final List<ReportColumn<R>> columns;
        private int next = HEADER_ROW + 1;

        private Page(Sheet sheet, List<ReportColumn<R>> columns) {
            this.sheet = sheet;
            this.columns = columns;
        }

        Page<R> lines(List<R> lines) {
            lines.forEach(line -> row(sheet.createRow(next++), line, null));
            return this;
        }

        /** The total line in bold, its first cell saying what it is. */
        Page<R> total(R total, String label) {
            Row row = sheet.createRow(next++);
            row(row, total, strong);
            text(row, 0, label, strong);
            return this;
        }

        /** After a blank line: when it was made, and by whom. */
        void madeBy(LocalDateTime madeAt, String madeBy) {
            next++;
            Row made = sheet.createRow(next++);
            text(made, 0, lang.t("s766.madeAt"), null);
            Cell at = made.createCell(1);
            at.setCellValue(madeAt);
            at.setCellStyle(time);
            Row by = sheet.createRow(next);
            text(by, 0, lang.t("s766.madeBy"), null);
            text(by, 1, madeBy, null);
        }

        private void row(Row row, R line, CellStyle style) {
            for (int i = 0; i < columns.size(); i++) {
                Object v = columns.get(i).sheet(line, lang);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof ReportXlsx.Percent p) {
                    cell.setCellValue(p.value());
                    cell.setCellStyle(percent);
                    continue;
                } else {
                    cell.setCellValue(v.toString());
                }
                if (style != null) {
                    cell.setCellStyle(style);
                }
            }
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
