package vn.motcua.central.report;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.report.integrity.Flag;
import vn.motcua.central.report.integrity.FlagKind;
import vn.motcua.central.report.integrity.IntegrityConfig;
import vn.motcua.central.report.integrity.IntegrityService;
import vn.motcua.central.report.integrity.Subject;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.store.Database;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each integrity flag is raised by a month with its pattern and by no honest month of the same size, on SQLite and
 * PostgreSQL; a flag only lists ratings, and the report's figures still count every one of them.
 */
class IntegrityFlagsTest {
    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 30);
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_integrity");
    private Database database;

    private List<Flag> flags(String dialect, MonthOfRatings month) throws Exception {
        database = databases.open(dialect);
        month.store(JdbcEventStore.on(database, Clock.systemUTC()));
        return new IntegrityService(database, IntegrityConfig.defaults(), Clock.systemUTC()).flags(FROM, TO, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anHonestMonthRaisesNoFlag(String dialect) throws Exception {
        MonthOfRatings month = new MonthOfRatings(MonthOfRatings.Pattern.HONEST);
        List<Flag> flags = flags(dialect, month);
        assertEquals(List.of(), flags.stream().map(f -> f.subjectCode() + " " + f.id() + " " + f.kindCode()).toList());
    }

    static Stream<Arguments> patterns() {
        return Stream.of("sqlite", "postgresql").flatMap(d -> Stream.of(
                Arguments.of(d, MonthOfRatings.Pattern.BURST, FlagKind.BURST, Subject.KIOSK, "k2", 7),
                Arguments.of(d, MonthOfRatings.Pattern.BURST, FlagKind.BURST, Subject.OFFICER, "o2", 7),
                Arguments.of(d, MonthOfRatings.Pattern.NEVER_SERVED, FlagKind.NEVER_SERVED, Subject.OFFICER, "o3", 10),
                Arguments.of(d, MonthOfRatings.Pattern.NEVER_SERVED, FlagKind.NEVER_SERVED, Subject.KIOSK, "k3", 10),
                Arguments.of(d, MonthOfRatings.Pattern.RATED_LATE, FlagKind.RATED_LATE, Subject.OFFICER, "o4", 10),
                Arguments.of(d, MonthOfRatings.Pattern.ANONYMOUS_OVER_SERVED, FlagKind.ANONYMOUS_OVER_SERVED,
                        Subject.KIOSK, "k1", 10),
                Arguments.of(d, MonthOfRatings.Pattern.TOP_SHARE, FlagKind.TOP_SHARE, Subject.OFFICER, "o2",
                        MonthOfRatings.DAYS * MonthOfRatings.PER_DAY),
                Arguments.of(d, MonthOfRatings.Pattern.TOP_SHARE, FlagKind.TOP_SHARE, Subject.KIOSK, "k2", -1)));
    }

    @ParameterizedTest(name = "{0} {1}: {3} {4}")
    @MethodSource("patterns")
    void aPatternRaisesItsFlag(String dialect, MonthOfRatings.Pattern pattern, FlagKind kind, Subject subject,
                               String id, int flaggedRatings) throws Exception {
        MonthOfRatings month = new MonthOfRatings(pattern);
        assertEquals(new MonthOfRatings(MonthOfRatings.Pattern.HONEST).ratings, month.ratings, "same size");
        List<Flag> flags = flags(dialect, month);
        List<Flag> raised = flags.stream().filter(f -> f.kind() == kind && f.subject() == subject).toList();
        assertEquals(List.of(id), raised.stream().map(Flag::id).toList(), () -> "flags: " + flags);
        if (flaggedRatings >= 0) {
            assertEquals(flaggedRatings, raised.get(0).flagged());
        }
        assertTrue(raised.get(0).ratings().stream().allMatch(r -> r.site().equals(MonthOfRatings.SITE)));
    }
}
