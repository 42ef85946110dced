package vn.motcua.central.report;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import vn.motcua.central.report.integrity.IntegrityDue;
import vn.motcua.central.report.officer.OfficerLinesDue;
import vn.motcua.central.report.satisfaction.SatisfactionSums;
import vn.motcua.central.store.Database;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds newly stored ratings to the daily rollup tables ({@link RatingTable}): reads {@code rating.submitted} events
 * past the watermark, moves the watermark and adds their counts to every table in the same transaction. A rating it
 * cannot read is set aside ({@link EventRollup}). The sites and days rated are marked due for the officer's day kept
 * of all sites ({@link OfficerLinesDue}).
 */
@Singleton
public class RatingRollup {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final List<String> LOW = List.of("dissatisfied", "very_dissatisfied");

    private final EventRollup<Rating> rollup;
    private final Clock clock;

    public RatingRollup(Database sql, ReportConfig config, Clock clock) {
        this.clock = clock;
        this.rollup = new EventRollup<>("ratings", RatingRollup::reads, sql, config.rollupBatch(), this::read,
                this::add, clock);
    }

    /** The types this rollup reads: a switch expression, so a new event type does not compile until placed here. */
    static boolean reads(EventType type) {
        return switch (type) {
            case RATING_SUBMITTED -> true;
            case TICKET_ISSUED, TICKET_CALLED, TICKET_SERVED, TICKET_NO_SHOW, COUNTER_SIGNED_IN, COUNTER_SIGNED_OUT ->
                    false;
        };
    }

    // the first run waits one interval too: a central starting on a backlog stores events before rolling them up
    @Scheduled(fixedDelay = "${central.reports.rollup-every:30s}", initialDelay = "${central.reports.rollup-every:30s}")
    void scheduled() {
        rollup.pass();
    }

    /**
     * Rolls up one batch; returns how many events it read, set aside ones included.
     *
     * @throws vn.motcua.central.store.StoreException when the database failed: nothing was written
     */
    public int runOnce() {
        return rollup.runOnce();
    }

    private record Key(String day, String site, String counter, String officer, String procedure, String level) {
        /** The value of one dimension column of {@link RatingTable}. */
        String dimension(String column) {
            return switch (column) {
                case "counter" -> counter;
                case "officer_id" -> officer;
                case "procedure_code" -> procedure;
                default -> throw new IllegalArgumentException(column);
            };
        }
    }

    /** One rating as the rollup adds it. */
    private record Rating(RollupEvent event, Key key, String reasons, String comment) {
    }

    private static final EventBody.Visitor<RatingSubmitted> RATING = new EventBody.Partial<>() {
        @Override
        public RatingSubmitted ratingSubmitted(RatingSubmitted rating) {
            return rating;
        }
    };

    private Rating read(RollupEvent e) throws RollupEvent.Unreadable {
        String day = e.localDay();
        RatingSubmitted rating = e.body().accept(RATING);
        Key key = new Key(day, e.siteId(), orEmpty(rating.counter()), orEmpty(rating.officerId()),
                orEmpty(rating.procedureCode()), rating.level().wireName());
        return new Rating(e, key, String.join(", ", rating.reasons()), rating.comment());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private void add(Connection c, List<Rating> ratings) throws SQLException {
        Map<Key, Long> counts = new HashMap<>();
        for (Rating r : ratings) {
            counts.merge(r.key(), 1L, Long::sum);
        }
        SatisfactionSums sums = new SatisfactionSums();
        for (RatingTable table : RatingTable.values()) {
            add(c, table, counts);
        }
        counts.forEach((k, n) -> {
            RatingLevel level = RatingLevel.fromWire(k.level()).orElseThrow();
            sums.rated(SatisfactionSums.By.OFFICER, k.day(), k.site(), k.officer(), level, n);
            sums.rated(SatisfactionSums.By.COUNTER, k.day(), k.site(), k.counter(), level, n);
            sums.rated(SatisfactionSums.By.PROCEDURE, k.day(), k.site(), k.procedure(), level, n);
        });
        sums.write(c);
        Set<OfficerLinesDue.SiteDay> days = new HashSet<>();
        counts.keySet().forEach(k -> days.add(new OfficerLinesDue.SiteDay(k.site(), k.day())));
        OfficerLinesDue.mark(c, days, clock.millis());
        IntegrityDue due = new IntegrityDue();
        ratings.forEach(r -> due.rated(r.key().site(), r.key().day()));
        due.write(c);
        for (Rating r : ratings) {
            if (LOW.contains(r.key().level())) {
                insertLow(c, r);
            }
        }
    }

    /** Adds the counts, summed over the dimensions the table leaves out, to one rollup table. */
    private static void add(Connection c, RatingTable table, Map<Key, Long> counts) throws SQLException {
        Map<List<String>, Long> rows = new HashMap<>();
        counts.forEach((k, n) -> {
            List<String> row = new ArrayList<>(List.of(k.day(), k.site()));
            table.dimensions.forEach(d -> row.add(k.dimension(d)));
            row.add(k.level());
            rows.merge(row, n, Long::sum);
        });
        List<String> columns = new ArrayList<>(List.of("day", "site_id"));
        columns.addAll(table.dimensions);
        columns.add("level");
        String keyColumns = String.join(", ", columns);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.table + " (" + keyColumns
                + ", ratings) VALUES (" + "?, ".repeat(columns.size()) + "?) ON CONFLICT (" + keyColumns
                + ") DO UPDATE SET ratings = " + table.table + ".ratings + excluded.ratings")) {
            for (Map.Entry<List<String>, Long> e : rows.entrySet()) {
                List<String> row = e.getKey();
                for (int i = 0; i < row.size(); i++) {
                    ps.setString(i + 1, row.get(i));
                }
                ps.setLong(row.size() + 1, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertLow(Connection c, Rating r) throws SQLException {
        Key k = r.key();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO low_ratings (event_id, day, at, site_id, kiosk_id, counter, officer_id, procedure_code,
                    level, reasons, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")) {
            ps.setString(1, r.event().eventId());
            ps.setString(2, k.day());
            ps.setString(3, r.event().at());
            ps.setString(4, k.site());
            ps.setString(5, r.event().kioskId());
            ps.setString(6, k.counter());
            ps.setString(7, k.officer());
            ps.setString(8, k.procedure());
            ps.setString(9, k.level());
            ps.setString(10, r.reasons());
            ps.setString(11, r.comment());
            ps.executeUpdate();
        }
    }

    /** Today at the desks: the day in Asia/Ho_Chi_Minh. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
