package vn.motcua.central.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.central.TestEvents;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour every {@link EventStore} must have; one subclass per implementation runs it. */
abstract class EventStoreContractTest {
    static final String SITE = "site-1";
    static final String KIOSK = "kiosk-01";

    EventStore store;
    private final List<EventStore> opened = new ArrayList<>();

    /** A store on this test's fresh, empty database; each call is another central instance on the same database. */
    abstract EventStore openStore() throws Exception;

    @BeforeEach
    void openFirstStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(EventStore::close);
    }

    EventStore open() throws Exception {
        EventStore s = openStore();
        opened.add(s);
        return s;
    }

    @Test
    void givenEmptyStore_whenBatchFromSeqOneStored_thenContiguousSeqIsItsLastSeq() {
        assertEquals(5, store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 5)));
        assertEquals(5, store.stats().events());
    }

    @Test
    void givenStoredBatch_whenRedelivered_thenNothingIsAddedAndSameContiguousSeqReturned() {
        EventBatch batch = TestEvents.batch(KIOSK, 1, 10);
        store.storeBatch(SITE, batch);
        assertEquals(10, store.storeBatch(SITE, batch));
        assertEquals(10, store.stats().events());
        assertEquals(Map.of(), store.stats().rejected(), "a resend is no conflict");
        List<StoredEvent> events = store.events(new EventQuery(KIOSK, null, 1000));
        assertEquals(10, events.size());
        assertEquals(batch.events().get(0).id().toString(), events.get(events.size() - 1).id());
    }

    @Test
    void givenEarlierHistory_whenOtherEventsArriveUnderHeldSeqs_thenHeldOnesStay_andNewOnesAreKeptAsideAndCounted()
            throws Exception {
        EventBatch earlier = TestEvents.batch(KIOSK, 1, 6);
        assertEquals(6, store.storeBatch(SITE, earlier));
        // the kiosk's SD card was replaced: its new database numbers from 1 again, with other events
        EventBatch replaced = TestEvents.batch(KIOSK, 1, 8);
        assertEquals(8, store.storeBatch(SITE, replaced));

        assertEquals(8, store.stats().events(), "seq 7 and 8 are new; 1..6 stay the earlier events");
        assertEquals(Map.of("seq_conflict", 6L), store.stats().rejected());
        List<String> kept = ((SqlAccess) store).query("read conflicts", c -> {
            List<String> ids = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery(
                    "SELECT event_id, held_event_id FROM event_conflicts ORDER BY seq")) {
                while (rs.next()) {
                    ids.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return ids;
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(replaced.events().get(i).id() + "/" + earlier.events().get(i).id());
        }
        assertEquals(expected, kept, "nothing of the new history is dropped");

        // the same conflicting batch again is kept once
        store.storeBatch(SITE, replaced);
        assertEquals(Map.of("seq_conflict", 6L), store.stats().rejected());
    }

    @Test
    void givenBatchesOfSeveralKiosksWithRedeliveries_whenStoredTogether_thenOneCommitStoresEachOnceInOrder() {
        store.storeBatch(SITE, TestEvents.batch("kiosk-b", 1, 2));
        java.util.Map<String, Long> contiguous = store.storeBatches(List.of(
                new EventStore.SiteBatch(SITE, TestEvents.batch(KIOSK, 4, 6)),
                new EventStore.SiteBatch(SITE, TestEvents.batch("kiosk-b", 1, 4)),
                new EventStore.SiteBatch(SITE, TestEvents.batch(KIOSK, 1, 3)),
                new EventStore.SiteBatch(SITE, TestEvents.batch(KIOSK, 1, 3)),
                new EventStore.SiteBatch(SITE, TestEvents.batch("kiosk-c", 2, 2))));
        assertEquals(6L, contiguous.get(KIOSK));
        assertEquals(4L, contiguous.get("kiosk-b"));
        assertEquals(0L, contiguous.get("kiosk-c"), "seq 1 of kiosk-c has not arrived");
        assertEquals(6 + 4 + 1, store.stats().events());
    }

    @Test
    void givenGap_whenLaterBatchStored_thenContiguousSeqStopsBeforeGapUntilGapIsFilled() {
        assertEquals(3, store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 3)));
        assertEquals(3, store.storeBatch(SITE, TestEvents.batch(KIOSK, 7, 9)));
        KioskState kiosk = store.kiosks().get(0);
        assertEquals(3, kiosk.contiguousSeq());
        assertEquals(9, kiosk.lastSeq());

        assertEquals(5, store.storeBatch(SITE, TestEvents.batch(KIOSK, 4, 5)));
        assertEquals(9, store.storeBatch(SITE, TestEvents.batch(KIOSK, 6, 6)));
        kiosk = store.kiosks().get(0);
        assertEquals(9, kiosk.contiguousSeq());
        assertEquals(9, kiosk.lastSeq());
    }

    @Test
    void givenBatchesOutOfOrder_whenAllStored_thenContiguousSeqReachesTheEnd() {
        assertEquals(0, store.storeBatch(SITE, TestEvents.batch(KIOSK, 21, 30)));
        assertEquals(0, store.storeBatch(SITE, TestEvents.batch(KIOSK, 11, 20)));
        assertEquals(0, store.storeBatch(SITE, TestEvents.batchOf(KIOSK, 9, 3, 5)));
        assertEquals(30, store.storeBatch(SITE, TestEvents.batchOf(KIOSK, 10, 8, 7, 6, 4, 2, 1)));
        assertEquals(30, store.stats().events());
    }

    @Test
    void givenTwoInstancesAndManyThreads_whenOneKiosksBatchesStoredConcurrently_thenContiguousSeqCoversAll()
            throws Exception {
        List<EventStore> instances = List.of(store, open());
        int batchSize = 25;
        int batches = 80;
        List<EventBatch> work = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            work.add(TestEvents.batch(KIOSK, (long) b * batchSize + 1, (long) (b + 1) * batchSize));
        }
        Collections.shuffle(work, new Random(42));
        work.addAll(work.subList(0, 10)); // and some redeliveries
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < work.size(); i++) {
                EventStore instance = instances.get(i % instances.size());
                EventBatch batch = work.get(i);
                results.add(pool.submit(() -> instance.storeBatch(SITE, batch)));
            }
            long highest = 0;
            for (Future<Long> r : results) {
                highest = Math.max(highest, r.get(60, TimeUnit.SECONDS));
            }
            long total = (long) batches * batchSize;
            assertEquals(total, highest, "the last batch to commit sees everything");
            KioskState kiosk = store.kiosks().get(0);
            assertEquals(total, kiosk.contiguousSeq());
            assertEquals(total, kiosk.lastSeq());
            assertEquals(total, store.stats().events());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenRejections_whenCounted_thenStatsShowEachReasonsCount() {
        store.recordRejection("malformed_json");
        store.recordRejection("kiosk_mismatch");
        store.recordRejection("malformed_json");
        assertEquals(Map.of("malformed_json", 2L, "kiosk_mismatch", 1L), store.stats().rejected());
    }

    @Test
    void givenMixedEvents_whenStatsRead_thenTicketsAndRatingsAreCountedByType() {
        store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 30));
        store.storeBatch(SITE, TestEvents.batch("kiosk-02", 1, 7));
        Stats stats = store.stats();
        assertEquals(37, stats.events());
        assertEquals(TestEvents.countOfType(30, EventType.TICKET_ISSUED)
                + TestEvents.countOfType(7, EventType.TICKET_ISSUED), stats.tickets());
        assertEquals(TestEvents.countOfType(30, EventType.RATING_SUBMITTED)
                + TestEvents.countOfType(7, EventType.RATING_SUBMITTED), stats.ratings());
        assertEquals(Map.of(), stats.rejected());
    }

    @Test
    void givenEventsAndStatus_whenKiosksListed_thenEachKioskShowsProgressAndStatus() {
        Instant before = Instant.now().minusSeconds(1);
        store.storeBatch(SITE, TestEvents.batch("kiosk-02", 1, 4));
        store.storeBatch(SITE, TestEvents.batchOf("kiosk-02", 6));
        OffsetDateTime since = OffsetDateTime.parse("2026-11-22T07:01:02+07:00");
        store.recordStatus("site-2", KIOSK, new KioskStatus(true, "0.1.0", "boot-9", since));
        store.recordStatus("site-2", KIOSK, new KioskStatus(true, "0.1.0", "boot-9", since));

        List<KioskState> kiosks = store.kiosks();
        assertEquals(List.of(KIOSK, "kiosk-02"), kiosks.stream().map(KioskState::kioskId).toList());
        KioskState one = kiosks.get(0);
        assertEquals("site-2", one.siteId());
        assertTrue(one.online());
        assertEquals("0.1.0", one.version());
        assertEquals("boot-9", one.bootId());
        assertEquals(since.toString(), one.statusSince());
        assertEquals(0, one.lastSeq());
        assertNull(one.lastSeen(), "a status alone is not a sign of life; touch() is");
        KioskState two = kiosks.get(1);
        assertEquals(SITE, two.siteId());
        assertFalse(two.online());
        assertEquals(4, two.contiguousSeq());
        assertEquals(6, two.lastSeq());
        assertNotNull(two.lastSeen());
        assertTrue(two.lastSeen().isAfter(before));

        store.recordStatus("site-2", KIOSK, new KioskStatus(false, "0.1.0", "boot-9", since));
        assertFalse(store.kiosks().get(0).online());
    }

    @Test
    void givenKnownKiosk_whenTouched_thenLastSeenMovesOnlyForward() {
        store.recordStatus(SITE, KIOSK, new KioskStatus(true, "1", "b", null));
        Instant t1 = Instant.parse("2030-01-01T00:00:00.123Z");
        store.touch(KIOSK, t1);
        store.touch(KIOSK, t1.minusSeconds(60));
        store.touch("never-seen", t1);
        List<KioskState> kiosks = store.kiosks();
        assertEquals(1, kiosks.size());
        assertEquals(t1, kiosks.get(0).lastSeen());
    }

    @Test
    void givenEvents_whenQueriedWithFilters_thenOnlyMatchingNewestFirstWithinLimit() {
        store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 9));
        store.storeBatch(SITE, TestEvents.batch("kiosk-02", 1, 3));

        assertEquals(12, store.events(new EventQuery(null, null, 100)).size());
        List<StoredEvent> ofKiosk = store.events(new EventQuery(KIOSK, null, 100));
        assertEquals(List.of(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L), ofKiosk.stream().map(StoredEvent::seq).toList());
        assertEquals("kiosk-02", store.events(new EventQuery(null, null, 1)).get(0).kioskId(), "newest stored first");

        List<StoredEvent> ratings = store.events(new EventQuery(KIOSK, "rating.submitted", 2));
        assertEquals(List.of(9L, 6L), ratings.stream().map(StoredEvent::seq).toList());
        StoredEvent rating = ratings.get(0);
        assertEquals(SITE, rating.siteId());
        assertEquals(TestEvents.AT.plusSeconds(9).toString(), rating.at());
        assertFalse(rating.clockSynced());
        assertEquals("boot-1", rating.bootId());
        assertEquals(9000, rating.uptimeMs());
        assertTrue(rating.dataJson().contains("\"level\""), rating.dataJson());
        assertTrue(rating.dataJson().contains("ổn"), rating.dataJson());
        assertNotNull(rating.receivedAt());

        assertEquals(3, store.events(new EventQuery(null, "ticket.issued", 3)).size());
        assertEquals(0, store.events(new EventQuery("kiosk-99", null, 100)).size());
    }

    @Test
    void givenSqlInjectionLookingFilters_whenQueried_thenTheyMatchNothingAndHarmNothing() {
        store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 5));
        assertEquals(0, store.events(new EventQuery("x' OR '1'='1", null, 100)).size());
        assertEquals(0, store.events(new EventQuery(null, "ticket.issued'; DROP TABLE events; --", 100)).size());
        assertEquals(0, store.events(new EventQuery(KIOSK + "\" OR 1=1 --", "rating.submitted", 100)).size());
        assertEquals(5, store.stats().events());
    }

    @Test
    void givenFiveHundredEventBatches_whenStored_thenThroughputIsReported() {
        int batches = 20;
        List<EventBatch> work = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            work.add(TestEvents.batch("kiosk-bench", (long) b * 500 + 1, (long) (b + 1) * 500));
        }
        store.storeBatch(SITE, TestEvents.batch("kiosk-warmup", 1, 500));
        long start = System.nanoTime();
        for (EventBatch batch : work) {
            store.storeBatch(SITE, batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d batches of 500 events in %.2f s: %.1f ms per batch, %,.0f events/s%n",
                getClass().getSimpleName(), batches, seconds, seconds * 1000 / batches, batches * 500 / seconds);
        assertEquals(batches * 500L, store.kiosks().stream()
                .filter(k -> k.kioskId().equals("kiosk-bench")).findFirst().orElseThrow().contiguousSeq());
    }
}
