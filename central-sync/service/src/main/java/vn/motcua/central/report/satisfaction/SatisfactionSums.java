package vn.motcua.central.report.satisfaction;

import vn.motcua.protocol.event.RatingLevel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the 766 report reads: per site and officer, counter or procedure, the tickets served and the ratings of each
 * level, summed per month ({@code 2026-11}), quarter ({@code 2026-Q4}) and year ({@code 2026}) — the periods a report
 * is asked for, named as {@link SatisfactionPeriod#value()} names them. The queue and rating rollups collect their
 * counts here and {@link #write} adds them to all three periods of each day in the rollup's transaction, so a report
 * reads one row per line and sums nothing.
 */
public final class SatisfactionSums {
    /** One level's column per rating level, named as the level is on the wire. */
    static final List<String> LEVEL_COLUMNS = Arrays.stream(RatingLevel.values()).map(RatingLevel::wireName).toList();

    /** A line of the report: its table, its key column and whether it counts tickets served. */
    public enum By {
        OFFICER("satisfaction_officer", "officer_id", true),
        COUNTER("satisfaction_counter", "counter", true),
        PROCEDURE("satisfaction_procedure", "procedure_code", false);

        final String table;
        final String column;
        final boolean served;
        /** The counted columns, in the order {@link #write} binds them and the report reads them. */
        private final List<String> counted;

        By(String table, String column, boolean served) {
            this.table = table;
            this.column = column;
            this.served = served;
            this.counted = served ? Stream.concat(Stream.of("served"), LEVEL_COLUMNS.stream()).toList()
                    : LEVEL_COLUMNS;
        }

        List<String> counted() {
            return counted;
        }
    }

    private record Row(By by, String period, String site, String key) {
    }

    private final Map<Row, long[]> rows = new HashMap<>();

    /** The periods a local day ({@code 2026-11-30}) counts in: its month, quarter and year. */
    public static List<String> periods(String day) {
        LocalDate d = LocalDate.parse(day);
        return List.of(day.substring(0, 7), d.getYear() + "-Q" + ((d.getMonthValue() + 2) / 3),
                String.valueOf(d.getYear()));
    }

    /** Adds {@code n} tickets served on {@code day} at an officer or a counter ({@code ''} when none was named). */
    public void served(By by, String day, String site, String key, long n) {
        if (!by.served) {
            throw new IllegalArgumentException(by + " does not count tickets served");
        }
        add(by, day, site, key, 0, n);
    }

    /** Adds {@code n} ratings of {@code level} given on {@code day}. */
    public void rated(By by, String day, String site, String key, RatingLevel level, long n) {
        add(by, day, site, key, (by.served ? 1 : 0) + level.ordinal(), n);
    }

    private void add(By by, String day, String site, String key, int column, long n) {
        int width = by.counted().size();
        for (String period : periods(day)) {
            rows.computeIfAbsent(new Row(by, period, site, key), r -> new long[width])[column] += n;
        }
    }

    /** Adds what was collected to the tables, in the caller's transaction. */
    public void write(Connection c) throws SQLException {
        for (By by : By.values()) {
            List<String> counted = by.counted();
            String columns = String.join(", ", counted);
            String sum = counted.stream().map(n -> n + " = " + by.table + "." + n + " + excluded." + n)
                    .collect(Collectors.joining(", "));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + by.table + " (period, site_id, "
                    + by.column + ", " + columns + ") VALUES (?, ?, ?" + ", ?".repeat(counted.size())
                    + ") ON CONFLICT (period, site_id, " + by.column + ") DO UPDATE SET " + sum)) {
                boolean any = false;
                for (Map.Entry<Row, long[]> e : rows.entrySet()) {
                    Row r = e.getKey();
                    if (r.by() != by) {
                        continue;
                    }
                    ps.setString(1, r.period());
                    ps.setString(2, r.site());
                    ps.setString(3, r.key());
                    long[] n = e.getValue();
                    for (int i = 0; i < n.length; i++) {
                        ps.setLong(4 + i, n[i]);
                    }
                    ps.addBatch();
                    any = true;
                }
                if (any) {
                    ps.executeBatch();
                }
            }
        }
        rows.clear();
    }
}
