package vn.motcua.central.report;

import java.util.Collection;
import java.util.List;

/**
 * The rating rollup tables, narrowest first. Each holds {@code day, site_id}, its own dimension columns,
 * {@code level} and {@code ratings}, with the ratings of every dimension it leaves out summed together; all of them
 * are kept in step by {@link RatingRollup} in one transaction.
 */
enum RatingTable {
    SITE("rating_daily_site", List.of()),
    COUNTER("rating_daily_counter", List.of("counter")),
    OFFICER("rating_daily_officer", List.of("officer_id")),
    PROCEDURE("rating_daily_procedure", List.of("procedure_code")),
    ALL("rating_daily", List.of("counter", "officer_id", "procedure_code"));

    final String table;
    final List<String> dimensions;

    RatingTable(String table, List<String> dimensions) {
        this.table = table;
        this.dimensions = dimensions;
    }

    /** Whether this table can answer a query that filters or groups on {@code columns}. */
    boolean covers(Collection<String> columns) {
        return columns.stream().allMatch(c -> c.equals("site_id") || dimensions.contains(c));
    }

    /** The narrowest table that covers {@code columns}; {@link #ALL} covers every dimension. */
    static RatingTable covering(Collection<String> columns) {
        for (RatingTable t : values()) {
            if (t.covers(columns)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no rating table has columns " + columns);
    }
}
