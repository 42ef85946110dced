package vn.motcua.central.report;

import vn.motcua.central.report.satisfaction.SatisfactionLine;
import vn.motcua.central.report.satisfaction.SatisfactionReport;
import vn.motcua.central.web.Lang;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The 766 satisfaction report as the workbook an office forwards: on each sheet (officers, counters, procedures) a
 * title naming the unit and the period, the header, one row per line, the total, then the date it was made and by
 * whom. The columns are {@link ReportColumns#SATISFACTION_766}'s.
 */
final class Satisfaction766Xlsx {
    static final int HEADER_ROW = OfficeWorkbook.HEADER_ROW;

    private Satisfaction766Xlsx() {
    }

    static byte[] write(SatisfactionReport.Report r, Lang lang, String madeBy, LocalDateTime madeAt) {
        OfficeWorkbook workbook = new OfficeWorkbook(lang);
        boolean withSite = r.site().isEmpty();
        String[][] sheets = {{"officer", "s766.sheetOfficers"}, {"counter", "s766.sheetCounters"},
                {"procedure", "s766.sheetProcedures"}};
        List<List<SatisfactionLine>> lines = List.of(r.officers(), r.counters(), r.procedures());
        for (int s = 0; s < sheets.length; s++) {
            SatisfactionLine total = r.total();
            if (sheets[s][0].equals("procedure")) {
                // procedures have no tickets served: their total is the ratings'
                total = new SatisfactionLine(total.site(), null, null, total.rated(), total.satisfied(),
                        total.dissatisfied(), null);
            }
            workbook.sheet(lang.t(sheets[s][1]),
                            lang.t("s766.title") + " — " + (r.unit() == null ? lang.t("s766.allSites") : r.unit()),
                            lang.t("s766.period." + r.period().kind()) + " " + r.period().value()
                                    + " (" + r.period().from() + " – " + r.period().to() + ")",
                            ReportColumns.satisfaction766(sheets[s][0], withSite))
                    .lines(lines.get(s))
                    .total(total, lang.t("s766.total"))
                    .madeBy(madeAt, madeBy);
        }
        return workbook.bytes("766 report");
    }
}
