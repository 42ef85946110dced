package vn.motcua.central.report;

import vn.motcua.central.web.Lang;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A report table as CSV: a byte-order mark (for Excel), the columns' keys, then one line per row; the language is
 * that of the columns whose values are words ({@link ReportColumn.Format#WORDS}).
 */
final class ReportCsv {
    private ReportCsv() {
    }

    static <R> byte[] write(List<ReportColumn<R>> columns, List<R> rows, Lang lang) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (int i = 0; i < columns.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(columns.get(i).key());
        }
        csv.append("\r\n");
        for (R row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(columns.get(i).csv(row, lang));
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
