package vn.motcua.central.queuealert;

import org.junit.jupiter.api.Test;
import vn.motcua.central.alert.AlertKind;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.store.KioskKey;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The queue alerts' conditions, each at and just past its threshold. */
class QueueConditionsTest {
    private static final KioskKey K = new KioskKey("s1", "k1");
    private static final long MIN = 60_000;
    private static final long NOW = 1_000 * MIN;
    /** A: long wait at 20 min, queue over 5; B: long wait at 10 min, no queue threshold; counter 1 serves A and B. */
    private static final Map<String, QueueConditions.Rules> RULES = Map.of("s1", new QueueConditions.Rules(
            Map.of("A", 20, "B", 10), Map.of("A", 5), Map.of("1", List.of("A", "B"), "2", List.of("C")), 15));

    private static Set<AlertStore.Open> active(List<QueueConditions.Waiting> waiting,
                                               List<QueueConditions.Activity> activity,
                                               List<QueueConditions.SignedIn> signedIn) {
        return QueueConditions.active(waiting, activity, signedIn, RULES, NOW).keySet();
    }

    private static AlertStore.Open open(AlertKind kind, String subject) {
        return new AlertStore.Open(K, kind, subject);
    }

    @Test
    void givenTheLongestWaitAtOrPastItsThreshold_whenEvaluated_thenOnlyPastItRaisesALongWait() {
        assertEquals(Set.of(), active(List.of(new QueueConditions.Waiting(K, "A", 2, NOW - 20 * MIN)), List.of(),
                List.of()), "exactly 20 minutes is not past 20");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "A")), active(List.of(
                new QueueConditions.Waiting(K, "A", 2, NOW - 20 * MIN - 1000)), List.of(), List.of()));
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B")), active(List.of(
                new QueueConditions.Waiting(K, "B", 1, NOW - 11 * MIN),
                new QueueConditions.Waiting(K, "C", 40, NOW - 300 * MIN)), List.of(), List.of()),
                "C has no threshold");
        assertEquals(Set.of(), QueueConditions.active(List.of(new QueueConditions.Waiting(new KioskKey("s9", "k"),
                "A", 50, 0)), List.of(), List.of(), RULES, NOW).keySet(), "a site without configuration");
    }

    @Test
    void givenMoreWaitingThanTheQueueThreshold_whenEvaluated_thenALongQueueIsRaised() {
        assertEquals(Set.of(), active(List.of(new QueueConditions.Waiting(K, "A", 5, NOW)), List.of(), List.of()));
        assertEquals(Set.of(open(AlertKind.LONG_QUEUE, "A")), active(List.of(
                new QueueConditions.Waiting(K, "A", 6, NOW)), List.of(), List.of()));
    }

    @Test
    void givenASignedInCounterWithCitizensWaiting_whenItCalledNobodyForTheIdleMinutes_thenItIsIdle() {
        List<QueueConditions.Waiting> waitingB = List.of(new QueueConditions.Waiting(K, "B", 1, NOW - 16 * MIN));
        List<QueueConditions.SignedIn> counter1 = List.of(new QueueConditions.SignedIn(K, "1", NOW - 60 * MIN));
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B"), open(AlertKind.IDLE_COUNTER, "1")),
                active(waitingB, List.of(), counter1), "signed in an hour ago, a citizen waiting 16 minutes");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B"), open(AlertKind.IDLE_COUNTER, "1")), active(waitingB,
                List.of(new QueueConditions.Activity(K, "1", NOW - 15 * MIN, false)), counter1),
                "its last ticket event exactly 15 minutes ago");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B")), active(waitingB,
                List.of(new QueueConditions.Activity(K, "1", NOW - 14 * MIN, false)), counter1),
                "a call 14 minutes ago");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B")), active(waitingB,
                List.of(new QueueConditions.Activity(K, "1", NOW - 50 * MIN, true)), counter1),
                "serving the citizen it called 50 minutes ago");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B")), active(waitingB, List.of(),
                List.of(new QueueConditions.SignedIn(K, "1", NOW - 10 * MIN))), "signed in 10 minutes ago");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B")), active(waitingB, List.of(),
                List.of(new QueueConditions.SignedIn(K, "2", NOW - 60 * MIN))), "counter 2 serves only C");
        assertEquals(Set.of(open(AlertKind.LONG_WAIT, "B")), active(waitingB, List.of(), List.of()),
                "nobody signed in");
        assertEquals(Set.of(), active(List.of(new QueueConditions.Waiting(K, "A", 1, NOW - 14 * MIN)), List.of(),
                counter1), "the citizen came 14 minutes ago");
        assertEquals(Set.of(), active(List.of(), List.of(), counter1), "nobody waiting");
        assertEquals(Set.of(), active(List.of(new QueueConditions.Waiting(new KioskKey("s1", "k2"), "A", 3,
                NOW - 19 * MIN)), List.of(), counter1), "citizens waiting at another kiosk's queue");
    }
}
