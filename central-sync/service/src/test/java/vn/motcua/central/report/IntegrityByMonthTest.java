package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.report.integrity.Flag;
import vn.motcua.central.report.integrity.FlagKind;
import vn.motcua.central.report.integrity.IntegrityConfig;
import vn.motcua.central.report.integrity.IntegrityMonths;
import vn.motcua.central.report.integrity.IntegrityPass;
import vn.motcua.central.report.integrity.IntegrityService;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketServed;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integrity report of whole months, summed from the figures the pass keeps per site and month, against the
 * report read from the events, on SQLite and PostgreSQL: after the rollups and one pass they agree for every site;
 * over two months the per-rating counts are the months' sums and the top-level share is tested on the summed
 * figures; a rating received later marks its site's month due and changes only that site-month at the next pass.
 */
class IntegrityByMonthTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final Instant FIRST_PASS = Instant.parse("2027-01-05T01:00:00Z");
    private static final Instant SECOND_PASS = Instant.parse("2027-01-05T02:00:00Z");
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_integrity_month");

    private Database database;
    private EventStore store;
    private IntegrityService integrity;

    private void open(String dialect) throws Exception {
        database = databases.open(dialect);
        store = JdbcEventStore.on(database, Clock.systemUTC());
        integrity = new IntegrityService(database, IntegrityConfig.defaults(),
                Clock.fixed(FIRST_PASS, ZoneOffset.UTC));
    }

    private void rollUp() {
        ReportConfig config = new ReportConfig(Duration.ofSeconds(1), 5000, Duration.ofMinutes(10));
        RatingRollup ratings = new RatingRollup(database, config, Clock.systemUTC());
        QueueRollup queue = new QueueRollup(database, config, Clock.systemUTC());
        while (ratings.runOnce() + queue.runOnce() > 0) {
            // until caught up
        }
    }

    private int pass(Instant at) {
        return new IntegrityPass(database, integrity, Clock.fixed(at, ZoneOffset.UTC)).runOnce();
    }

    private static String site(MonthOfRatings.Pattern p) {
        return "site-" + p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static List<String> lines(List<Flag> flags) {
        return flags.stream().map(IntegrityByMonthTest::line).toList();
    }

    private static String line(Flag f) {
        return f.site() + " " + f.subjectCode() + " " + f.id() + " " + f.kindCode() + ": " + f.flagged() + " of "
                + f.subjectRatings() + " share " + f.siteShare() + " p " + f.pValue();
    }

    private static String key(Flag f) {
        return f.site() + " " + f.subjectCode() + " " + f.id() + " " + f.kindCode();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenEachPatternAtItsOwnSite_whenRolledUpAndPassed_thenTheKeptMonthEqualsTheMonthReadFromTheEvents(
            String dialect) throws Exception {
        open(dialect);
        for (MonthOfRatings.Pattern p : MonthOfRatings.Pattern.values()) {
            new MonthOfRatings(p).store(store, site(p));
        }
        rollUp();
        assertEquals(List.of(), integrity.months().kept(NOVEMBER, NOVEMBER, "").flags(), "nothing kept yet");
        assertEquals(MonthOfRatings.Pattern.values().length, integrity.months().kept(NOVEMBER, NOVEMBER, "")
                .sitesDue(), "every site's month is due");
        assertTrue(pass(FIRST_PASS) > 0);

        IntegrityMonths.Kept kept = integrity.months().kept(NOVEMBER, NOVEMBER, "");
        List<Flag> live = integrity.flags(NOVEMBER.atDay(1), NOVEMBER.atEndOfMonth(), "");
        assertEquals(lines(live), lines(kept.flags()));
        assertEquals(0, kept.sitesDue());
        assertEquals(FIRST_PASS, kept.asOf());
        Map<MonthOfRatings.Pattern, List<String>> raised = Map.of(
                MonthOfRatings.Pattern.HONEST, List.of(),
                MonthOfRatings.Pattern.BURST, List.of("officer o2 burst", "kiosk k2 burst"),
                MonthOfRatings.Pattern.NEVER_SERVED, List.of("officer o3 never_served", "kiosk k3 never_served"),
                MonthOfRatings.Pattern.RATED_LATE, List.of("officer o4 rated_late", "kiosk k4 rated_late"),
                MonthOfRatings.Pattern.ANONYMOUS_OVER_SERVED, List.of("kiosk k1 anonymous_over_served"),
                MonthOfRatings.Pattern.TOP_SHARE, List.of("officer o2 top_share", "kiosk k2 top_share"));
        raised.forEach((p, expected) -> {
            List<String> ofSite = kept.flags().stream().filter(f -> f.site().equals(site(p)))
                    .map(f -> f.subjectCode() + " " + f.id() + " " + f.kindCode()).toList();
            assertTrue(ofSite.containsAll(expected) && (!expected.isEmpty() || ofSite.isEmpty()),
                    p.name() + ": " + ofSite);
        });
        assertEquals(7, kept.flags().stream().filter(f -> f.site().equals(site(MonthOfRatings.Pattern.BURST))
                && f.kind() == FlagKind.BURST).findFirst().orElseThrow().flagged());
        assertEquals(0, count("SELECT COUNT(*) FROM integrity_due"), "the pass deleted the due rows it read");
        assertEquals(0, pass(SECOND_PASS), "nothing due, nothing recomputed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTwoMonths_whenReportedTogether_thenPerRatingCountsAreTheMonthsSumsAndTheTopShareIsTestedOnTheSums(
            String dialect) throws Exception {
        open(dialect);
        new MonthOfRatings(MonthOfRatings.Pattern.TOP_SHARE).store(store, "site-a");
        new MonthOfRatings(MonthOfRatings.Pattern.BURST, 1).store(store, "site-a");
        new MonthOfRatings(MonthOfRatings.Pattern.HONEST).store(store, "site-b");
        new MonthOfRatings(MonthOfRatings.Pattern.NEVER_SERVED, 1).store(store, "site-b");
        rollUp();
        pass(FIRST_PASS);

        List<Flag> both = integrity.months().kept(NOVEMBER, DECEMBER, "").flags();
        Map<String, Flag> november = byKey(integrity.months().kept(NOVEMBER, NOVEMBER, "").flags());
        Map<String, Flag> december = byKey(integrity.months().kept(DECEMBER, DECEMBER, "").flags());
        List<String> perRating = new ArrayList<>();
        for (Flag f : both) {
            if (f.kind() == FlagKind.TOP_SHARE) {
                continue;
            }
            perRating.add(key(f));
            long sum = flagged(november.get(key(f))) + flagged(december.get(key(f)));
            assertEquals(sum, f.flagged(), () -> "sum of the months: " + line(f));
        }
        List<String> perRatingOfMonths = new ArrayList<>(november.keySet());
        december.keySet().forEach(k -> {
            if (!perRatingOfMonths.contains(k)) {
                perRatingOfMonths.add(k);
            }
        });
        perRatingOfMonths.removeIf(k -> k.endsWith(" top_share"));
        assertEquals(new java.util.TreeSet<>(perRatingOfMonths), new java.util.TreeSet<>(perRating));
        assertTrue(perRating.contains("site-b officer o3 never_served"), perRating::toString);
        assertTrue(perRating.contains("site-a kiosk k2 burst"), perRating::toString);

        // the top-level share of the two months: the same test as on the ratings of both months
        List<Flag> live = integrity.flags(NOVEMBER.atDay(1), DECEMBER.atEndOfMonth(), "");
        assertEquals(lines(live.stream().filter(f -> f.kind() == FlagKind.TOP_SHARE).toList()),
                lines(both.stream().filter(f -> f.kind() == FlagKind.TOP_SHARE).toList()));
        Flag favoured = both.stream().filter(f -> key(f).equals("site-a officer o2 top_share")).findFirst()
                .orElseThrow(() -> new AssertionError(lines(both)));
        assertEquals(2L * MonthOfRatings.DAYS * MonthOfRatings.PER_DAY, favoured.subjectRatings(),
                "tested on both months' ratings");
        assertEquals(lines(live.stream().filter(f -> f.kind() != FlagKind.BURST).toList()),
                lines(both.stream().filter(f -> f.kind() != FlagKind.BURST).toList()),
                "only a burst depends on where the months end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenARatingReceivedLater_whenRolledUp_thenItsSiteMonthIsDueAndOnlyItChangesAtTheNextPass(String dialect)
            throws Exception {
        open(dialect);
        new MonthOfRatings(MonthOfRatings.Pattern.HONEST).store(store, "site-a");
        new MonthOfRatings(MonthOfRatings.Pattern.HONEST).store(store, "site-b");
        rollUp();
        pass(FIRST_PASS);
        assertEquals(List.of(), integrity.months().kept(NOVEMBER, NOVEMBER, "").flags());
        Map<String, List<Long>> before = computedAt();

        // a rating of a ticket no one called, from a kiosk that was offline
        OffsetDateTime at = OffsetDateTime.parse("2026-11-20T09:00:00+07:00");
        store.storeBatch("site-a", EventBatch.of("k9", List.of(event(1, at, new RatingSubmitted(
                UUID.randomUUID().toString(), "t-late", "c1", "o1", null, RatingLevel.SATISFIED, 5, List.of(),
                null)))));
        rollUp();
        IntegrityMonths.Kept due = integrity.months().kept(NOVEMBER, NOVEMBER, "");
        assertEquals(1, due.sitesDue());
        assertEquals(List.of(), due.flags(), "kept figures stay as they were until the pass");
        assertEquals(1, pass(SECOND_PASS), "only the site-month marked is recomputed");

        IntegrityMonths.Kept after = integrity.months().kept(NOVEMBER, NOVEMBER, "");
        assertEquals(List.of("site-a officer o1 never_served: 1 of "
                + (MonthOfRatings.DAYS * MonthOfRatings.PER_DAY + 1) + " share null p null",
                "site-a kiosk k9 never_served: 1 of 1 share null p null"), lines(after.flags()));
        assertEquals(lines(integrity.flags(NOVEMBER.atDay(1), NOVEMBER.atEndOfMonth(), "")), lines(after.flags()));
        Map<String, List<Long>> now = computedAt();
        assertEquals(before.get("site-b"), now.get("site-b"), "the other site was not recomputed");
        assertEquals(List.of(SECOND_PASS.toEpochMilli(), SECOND_PASS.toEpochMilli()), now.get("site-a"));
        assertEquals(FIRST_PASS, after.asOf(), "as of the oldest kept row");
        assertEquals(SECOND_PASS, integrity.months().kept(NOVEMBER, NOVEMBER, "site-a").asOf());

        // the ticket's call and service arrive after its rating: the rating is no longer doubtful
        store.storeBatch("site-a", EventBatch.of("k1", List.of(
                event(90_001, at.minusMinutes(6), new TicketCalled("t-late", "c1", "o1")),
                event(90_002, at.minusMinutes(1), new TicketServed("t-late", "c1", "o1", 300)))));
        rollUp();
        assertEquals(1, integrity.months().kept(NOVEMBER, NOVEMBER, "site-a").sitesDue());
        pass(SECOND_PASS);
        assertEquals(List.of(), integrity.months().kept(NOVEMBER, NOVEMBER, "").flags());
    }

    @Test
    void wholeMonthsAreFromAFirstToAMonthsLastDayOrToTodayOrLaterInTheCurrentMonth() {
        LocalDate today = LocalDate.of(2026, 11, 18);
        assertTrue(IntegrityMonths.wholeMonths(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), today));
        assertTrue(IntegrityMonths.wholeMonths(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), today));
        assertTrue(IntegrityMonths.wholeMonths(LocalDate.of(2026, 11, 1), today, today));
        assertFalse(IntegrityMonths.wholeMonths(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 30), today));
        assertFalse(IntegrityMonths.wholeMonths(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 17), today));
        assertFalse(IntegrityMonths.wholeMonths(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 30), today));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void givenAReportQuery_whenWholeMonths_thenFromKeptFiguresElseFromTheEvents(String dialect) throws Exception {
        open(dialect);
        LocalDate today = LocalDate.of(2027, 1, 5);
        IntegrityService.Report month = integrity.report(ReportQuery.of(
                HttpRequest.GET("/reports/integrity?from=2026-11-01&to=2026-11-30"), today));
        assertNotNull(month.kept());
        IntegrityService.Report days = integrity.report(ReportQuery.of(
                HttpRequest.GET("/reports/integrity?from=2026-11-01&to=2026-11-29"), today));
        assertNull(days.kept());
        assertTrue(days.wholeMonthsOnly(), "days over all sites are not read from every site's events");
        assertTrue(days.flags().isEmpty());
        IntegrityService.Report siteDays = integrity.report(ReportQuery.of(
                HttpRequest.GET("/reports/integrity?from=2026-11-01&to=2026-11-29&site=" + MonthOfRatings.SITE),
                today));
        assertNull(siteDays.kept());
        assertFalse(siteDays.wholeMonthsOnly(), "one site's days are read from its events");
        assertFalse(month.wholeMonthsOnly());
    }

    private static Map<String, Flag> byKey(List<Flag> flags) {
        return flags.stream().collect(Collectors.toMap(IntegrityByMonthTest::key, f -> f));
    }

    private static long flagged(Flag f) {
        return f == null ? 0 : f.flagged();
    }

    private static KioskEvent event(long seq, OffsetDateTime at, EventBody body) {
        return new KioskEvent(seq, UUID.randomUUID(), EventType.of(body), at, true, "boot-9", 1000L * seq, body);
    }

    private long count(String select) {
        return database.query("count", c -> {
            try (PreparedStatement ps = c.prepareStatement(select); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Each site's oldest and newest computed_at of its kept November. */
    private Map<String, List<Long>> computedAt() {
        return database.query("computed at", c -> {
            Map<String, List<Long>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT site_id, MIN(computed_at), MAX(computed_at) "
                    + "FROM integrity_month WHERE month = '2026-11' GROUP BY site_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }
}
