package vn.motcua.central.report;

import vn.motcua.central.report.officer.OfficerDayReport;
import vn.motcua.central.web.Lang;

import java.time.LocalDateTime;

/**
 * The officer's day as a workbook: a title naming the unit and the period, the header, one row per officer with
 * {@link ReportColumns#OFFICER_DAY}'s columns (times in whole seconds), then the date it was made and by whom.
 */
final class OfficerDayXlsx {
    static final int HEADER_ROW = OfficeWorkbook.HEADER_ROW;

    private OfficerDayXlsx() {
    }

    static byte[] write(OfficerDayReport.Report r, Lang lang, String madeBy, LocalDateTime madeAt) {
        return write(r, lang, madeBy, madeAt, "");
    }

    /** {@code freshness}: for all sites, as of when their kept lines were computed, put after the period. */
    static byte[] write(OfficerDayReport.Report r, Lang lang, String madeBy, LocalDateTime madeAt, String freshness) {
        OfficeWorkbook workbook = new OfficeWorkbook(lang);
        workbook.sheet(lang.t("officerDay.sheet"),
                        lang.t("officerDay.title") + " — " + (r.unit() == null ? lang.t("s766.allSites") : r.unit()),
                        lang.t("officerDay.period." + r.period().kind()) + " " + r.period().value()
                                + " (" + r.period().from() + " – " + r.period().to() + ")"
                                + (freshness.isEmpty() ? "" : " · " + freshness),
                        ReportColumns.OFFICER_DAY)
                .lines(r.officers())
                .madeBy(madeAt, madeBy);
        return workbook.bytes("officer's day");
    }
}
