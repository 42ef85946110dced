package vn.motcua.central.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the report's templates (src/main/jte/report) are given. */
public final class ReportViews {
    private ReportViews() {
    }

    /**
     * The report page: its filter, the summary, the trend (chart and table), the grouped lines when grouped, the
     * queue figures and the low ratings.
     */
    public record ReportModel(ReportQuery query, List<String> periods, List<String> groups, String share,
                              long ratings, Table summary, TrendChart chart, Table trend, Table grouped,
                              Table services, Table counters, Table low, Table integrity,
                              boolean integrityWholeMonthsOnly) {
    }

    /**
     * A table of report rows under {@code columns}; {@code dashWhenEmpty}: a row with a dash rather than no row.
     */
    public record Table(String id, List<? extends ReportColumn<?>> columns, List<?> rows, boolean dashWhenEmpty) {
    }

    /** Share satisfied per period as bars, 0-100 %: the lines across, then a bar per period. */
    public record TrendChart(int width, int height, int pad, List<GridLine> lines, List<Bar> bars) {
    }

    public record GridLine(String y, String textY, int percent) {
    }

    /** {@code label}: the period under the bar, null when bars are too many to label them all. */
    public record Bar(String x, String y, String width, String height, String title, String label, String labelX) {
    }

    static TrendChart trendChart(List<ReportService.Line> trend) {
        int width = 720;
        int height = 180;
        int pad = 30;
        int n = Math.max(1, trend.size());
        double step = (double) (width - 2 * pad) / n;
        double bar = Math.max(2, Math.min(40, step * 0.7));
        List<GridLine> lines = new ArrayList<>();
        for (int pct = 0; pct <= 100; pct += 50) {
            double y = height - pad - (height - 2 * pad) * pct / 100.0;
            lines.add(new GridLine(one(y), one(y + 3), pct));
        }
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < trend.size(); i++) {
            ReportService.Line l = trend.get(i);
            double share = l.satisfiedShare() == null ? 0 : l.satisfiedShare();
            double h = (height - 2 * pad) * share;
            double x = pad + i * step + (step - bar) / 2;
            String title = String.format(Locale.ROOT, "%s: %.1f%% (%d)", l.period(), 100 * share, l.total());
            boolean labelled = trend.size() <= 16 || i % Math.max(1, trend.size() / 8) == 0;
            String label = l.period().length() > 7 ? l.period().substring(5) : l.period();
            bars.add(new Bar(one(x), one(height - pad - h), one(bar), one(h), title, labelled ? label : null, one(x)));
        }
        return new TrendChart(width, height, pad, lines, bars);
    }

    private static String one(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
