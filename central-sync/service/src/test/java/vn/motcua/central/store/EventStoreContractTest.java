package vn.motcua.central.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.central.TestEvents;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Clock;
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
    /** The database under {@link #store}. */
    Database database;
    private final List<Database> opened = new ArrayList<>();

    /**
     * This test's fresh, empty database, migrated; each call is another central instance's handle on the same
     * database.
     */
    abstract Database openDatabase() throws Exception;

    /** Whether this database refuses U+0000 in an event's JSON (PostgreSQL's jsonb does; SQLite stores it). */
    abstract boolean refusesNulInJson();

    /** From now on the database refuses, as a data error, every event whose JSON contains {@code marker}. */
    abstract void refuseEventsContaining(String marker);

    /** The database takes every event again. */
    abstract void acceptAllEvents();

    @BeforeEach
    void openFirstStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Database::close);
    }

    /** Another central instance's event log on the same database. */
    EventStore open() throws Exception {
        Database db = openDatabase();
        opened.add(db);
        if (database == null) {
            database = db;
        }
        return JdbcEventStore.on(db, Clock.systemUTC());
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
        List<StoredEvent> events = store.events(new EventQuery(SITE, KIOSK, null, 1000));
        assertEquals(10, events.size());
        assertEquals(batch.events().get(0).id().toString(), events.get(events.size() - 1).id());
    }

    @Test
    void givenEarlierHistory_whenOtherEventsArriveUnderHeldSeqs_thenBothHistoriesAreStoredAndTheConflictCounted() {
        EventBatch earlier = TestEvents.batch(KIOSK, 1, 6);
        assertEquals(6, store.storeBatch(SITE, earlier));
        // the kiosk's database was restored from an old copy: it numbers from 1 again, with other events
        EventBatch replaced = TestEvents.batch(KIOSK, 1, 8);
        assertEquals(8, store.storeBatch(SITE, replaced));

        assertEquals(14, store.stats().events(), "both histories count: 6 earlier events and 8 new ones");
        assertEquals(Map.of("seq_conflict", 6L), store.stats().rejected());
        List<String> recorded = database.query("read conflicts", c -> {
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
        assertEquals(expected, recorded, "each collision is recorded with the event that holds the number");
        java.util.Set<String> stored = new java.util.HashSet<>();
        store.events(new EventQuery(SITE, KIOSK, null, 1000)).forEach(e -> stored.add(e.id()));
        replaced.events().forEach(e -> assertTrue(stored.contains(e.id().toString()), "stored: " + e.id()));
        earlier.events().forEach(e -> assertTrue(stored.contains(e.id().toString()), "kept: " + e.id()));

        // the same batch again is a resend: nothing new, nothing counted again
        assertEquals(8, store.storeBatch(SITE, replaced));
        assertEquals(14, store.stats().events());
        assertEquals(Map.of("seq_conflict", 6L), store.stats().rejected());
    }

    @Test
    void givenRestoredDatabaseThatRenumbers_whenFifteenSendsCarryTenEventIds_thenTenRowsAndAckedToTheEnd() {
        List<vn.motcua.protocol.event.KioskEvent> ten = TestEvents.batch(KIOSK, 1, 10).events();
        assertEquals(10, store.storeBatch(SITE, EventBatch.of(KIOSK, ten)));
        // the agent renumbered its last five events after a restore and sends them again as 11..15
        List<vn.motcua.protocol.event.KioskEvent> again = new ArrayList<>();
        for (int i = 5; i < 10; i++) {
            again.add(TestEvents.renumbered(ten.get(i), i + 6));
        }
        assertEquals(15, store.storeBatch(SITE, EventBatch.of(KIOSK, again)),
                "central holds every one of them: the kiosk may delete them");
        assertEquals(10, store.stats().events(), "15 sends, 10 distinct event ids: 10 rows");
        assertEquals(10, store.events(new EventQuery(SITE, KIOSK, null, 1000)).stream().map(StoredEvent::id)
                .distinct().count());
        assertEquals(Map.of(), store.stats().rejected(), "a resend is no conflict, whatever its number");

        // and a resend under a number another event holds is still only a resend
        assertEquals(15, store.storeBatch(SITE, EventBatch.of(KIOSK, List.of(TestEvents.renumbered(ten.get(0), 3)))));
        assertEquals(10, store.stats().events());
        assertEquals(Map.of(), store.stats().rejected());
    }

    @Test
    void givenTwoSitesWithAKiosk01_whenBothStore_thenEachKeepsItsOwnEventsProgressAndStatus() {
        assertEquals(5, store.storeBatch("site-a", TestEvents.batch(KIOSK, 1, 5)));
        assertEquals(3, store.storeBatch("site-b", TestEvents.batch(KIOSK, 1, 3)));
        assertEquals(7, store.storeBatch("site-a", TestEvents.batch(KIOSK, 6, 7)));
        store.recordStatus("site-a", KIOSK, new KioskStatus(true, "1.0", "boot-a", null));
        // a status on site B's topic is B's kiosk-01: it never moves A's
        store.recordStatus("site-b", KIOSK, new KioskStatus(false, "2.0", "boot-b", null));

        assertEquals(10, store.stats().events());
        assertEquals(Map.of(), store.stats().rejected(), "two kiosks, no conflict");
        List<KioskState> kiosks = store.kiosks();
        assertEquals(List.of(new KioskKey("site-a", KIOSK), new KioskKey("site-b", KIOSK)),
                kiosks.stream().map(KioskState::key).toList());
        assertEquals(7, kiosks.get(0).contiguousSeq());
        assertTrue(kiosks.get(0).online());
        assertEquals("1.0", kiosks.get(0).version());
        assertEquals(3, kiosks.get(1).contiguousSeq());
        assertFalse(kiosks.get(1).online());
        assertEquals(7, store.events(new EventQuery("site-a", KIOSK, null, 100)).size());
        assertEquals(3, store.events(new EventQuery("site-b", KIOSK, null, 100)).size());
        assertEquals(10, store.events(new EventQuery(null, KIOSK, null, 100)).size());
    }

    @Test
    void givenRatingCommentWithNul_whenStoredAmongOtherKiosksBatches_thenNothingIsLostAndTheRestIsStored()
            throws Exception {
        String comment = "chờ lâu\u0000quá";
        List<vn.motcua.protocol.event.KioskEvent> events = new ArrayList<>(TestEvents.batch(KIOSK, 1, 5).events());
        vn.motcua.protocol.event.KioskEvent poison = TestEvents.rating(3, comment);
        events.set(2, poison);
        Map<KioskKey, Long> contiguous = store.storeBatches(List.of(
                new EventStore.SiteBatch(SITE, TestEvents.batch("kiosk-02", 1, 4)),
                new EventStore.SiteBatch(SITE, EventBatch.of(KIOSK, events)),
                new EventStore.SiteBatch("site-2", TestEvents.batch("kiosk-03", 1, 2))));

        assertEquals(5L, contiguous.get(new KioskKey(SITE, KIOSK)), "the kiosk's sync goes on past the event");
        assertEquals(4L, contiguous.get(new KioskKey(SITE, "kiosk-02")));
        assertEquals(2L, contiguous.get(new KioskKey("site-2", "kiosk-03")));
        Stats stats = store.stats();
        List<QuarantinedEvent> kept = store.quarantined(null, null, 10);
        if (refusesNulInJson()) {
            assertEquals(4 + 4 + 2, stats.events(), "every event around it is stored");
            assertEquals(1, stats.quarantined());
            QuarantinedEvent q = kept.get(0);
            assertEquals(List.of(SITE, KIOSK, "3", poison.id().toString(), "rating.submitted"),
                    List.of(q.siteId(), q.kioskId(), String.valueOf(q.seq()), q.eventId(), q.type()));
            assertTrue(q.reason().contains("22P05"), q.reason());
            com.fasterxml.jackson.databind.JsonNode raw = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(q.raw());
            assertEquals(comment, raw.get("data").get("comment").asText(), "kept whole, the NUL included");
            assertEquals(poison.id().toString(), raw.get("id").asText());
        } else {
            assertEquals(5 + 4 + 2, stats.events(), "this database stores it as it is");
            assertEquals(0, stats.quarantined());
            StoredEvent stored = store.events(new EventQuery(SITE, KIOSK, "rating.submitted", 10)).stream()
                    .filter(e -> e.seq() == 3).findFirst().orElseThrow();
            assertEquals(comment, new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored.dataJson())
                    .get("comment").asText());
        }
        assertTrue(kept.size() == stats.quarantined());
    }

    @Test
    void givenRatingCommentWithLoneSurrogate_whenStored_thenItIsKeptSomewhereAndItsNeighboursAreStored() {
        List<vn.motcua.protocol.event.KioskEvent> events = new ArrayList<>(TestEvents.batch(KIOSK, 1, 3).events());
        events.set(1, TestEvents.rating(2, "half a pair: \uD83D"));
        assertEquals(3, store.storeBatch(SITE, EventBatch.of(KIOSK, events)), "the kiosk's sync goes on");
        Stats stats = store.stats();
        assertEquals(3, stats.events() + stats.quarantined(), "nothing lost: " + stats);
        assertTrue(stats.events() >= 2, "its neighbours are stored");
    }

    @Test
    void givenEventTheDatabaseRefuses_whenItsBatchIsStoredWithOthers_thenOnlyItIsQuarantinedAndItsSeqIsHeld() {
        refuseEventsContaining("REFUSE-ME");
        List<vn.motcua.protocol.event.KioskEvent> events = new ArrayList<>(TestEvents.batch(KIOSK, 4, 8).events());
        vn.motcua.protocol.event.KioskEvent refused = TestEvents.rating(6, "REFUSE-ME please");
        events.set(2, refused);
        Map<KioskKey, Long> contiguous = store.storeBatches(List.of(
                new EventStore.SiteBatch(SITE, TestEvents.batch(KIOSK, 1, 3)),
                new EventStore.SiteBatch(SITE, TestEvents.batch("kiosk-02", 1, 4)),
                new EventStore.SiteBatch(SITE, EventBatch.of(KIOSK, events))));
        assertEquals(8L, contiguous.get(new KioskKey(SITE, KIOSK)), "the quarantined seq counts as held");
        assertEquals(4L, contiguous.get(new KioskKey(SITE, "kiosk-02")));
        assertEquals(3 + 4 + 4, store.stats().events());
        assertEquals(1, store.stats().quarantined());
        QuarantinedEvent q = store.quarantined(SITE, KIOSK, 10).get(0);
        assertEquals(6, q.seq());
        assertEquals(refused.id().toString(), q.eventId());
        assertTrue(q.raw().contains("REFUSE-ME please"), q.raw());
        assertEquals(1, q.attempts());
        assertTrue(store.quarantined(SITE, "kiosk-02", 10).isEmpty());

        // redelivered: still one quarantined event, nothing stored twice
        assertEquals(8, store.storeBatch(SITE, EventBatch.of(KIOSK, events)));
        assertEquals(1, store.stats().quarantined());
        assertEquals(11, store.stats().events());
    }

    @Test
    void givenQuarantinedEvent_whenReadmitted_thenStillRefusedWhileTheDatabaseRefusesAndStoredOnceItAccepts() {
        refuseEventsContaining("REFUSE-ME");
        store.storeBatch(SITE, EventBatch.of(KIOSK, List.of(TestEvents.event(1), TestEvents.rating(2, "REFUSE-ME"))));
        String id = store.quarantined(null, null, 10).get(0).id();

        Readmission again = store.readmit(id);
        assertEquals(Readmission.Outcome.STILL_REFUSED, again.outcome());
        assertTrue(again.reason() != null && !again.reason().isBlank());
        assertEquals(2, store.quarantined(null, null, 10).get(0).attempts());

        acceptAllEvents();
        assertEquals(Readmission.Outcome.READMITTED, store.readmit(id).outcome());
        assertEquals(0, store.stats().quarantined());
        assertEquals(2, store.stats().events());
        StoredEvent readmitted = store.events(new EventQuery(SITE, KIOSK, "rating.submitted", 10)).get(0);
        assertEquals(2, readmitted.seq());
        assertTrue(readmitted.dataJson().contains("REFUSE-ME"), readmitted.dataJson());
        assertEquals(Readmission.Outcome.NOT_FOUND, store.readmit(id).outcome());
        assertEquals(2, store.kiosks().get(0).contiguousSeq());
    }

    @Test
    void givenBatchesOfSeveralKiosksWithRedeliveries_whenStoredTogether_thenOneCommitStoresEachOnceInOrder() {
        EventBatch kioskB = TestEvents.batch("kiosk-b", 1, 4);
        store.storeBatch(SITE, EventBatch.of("kiosk-b", kioskB.events().subList(0, 2)));
        EventBatch first = TestEvents.batch(KIOSK, 1, 3);
        Map<KioskKey, Long> contiguous = store.storeBatches(List.of(
                new EventStore.SiteBatch(SITE, TestEvents.batch(KIOSK, 4, 6)),
                new EventStore.SiteBatch(SITE, kioskB),
                new EventStore.SiteBatch(SITE, first),
                new EventStore.SiteBatch(SITE, first),
                new EventStore.SiteBatch(SITE, TestEvents.batch("kiosk-c", 2, 2))));
        assertEquals(6L, contiguous.get(new KioskKey(SITE, KIOSK)));
        assertEquals(4L, contiguous.get(new KioskKey(SITE, "kiosk-b")));
        assertEquals(0L, contiguous.get(new KioskKey(SITE, "kiosk-c")), "seq 1 of kiosk-c has not arrived");
        assertEquals(6 + 4 + 1, store.stats().events());
        assertEquals(Map.of(), store.stats().rejected(), "redeliveries are no conflicts");
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
        store.recordStatus("site-0", KIOSK, new KioskStatus(true, "0.1.0", "boot-9", since));
        store.recordStatus("site-0", KIOSK, new KioskStatus(true, "0.1.0", "boot-9", since));

        List<KioskState> kiosks = store.kiosks();
        assertEquals(List.of(KIOSK, "kiosk-02"), kiosks.stream().map(KioskState::kioskId).toList());
        KioskState one = kiosks.get(0);
        assertEquals("site-0", one.siteId());
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

        store.recordStatus("site-0", KIOSK, new KioskStatus(false, "0.1.0", "boot-9", since));
        assertFalse(store.kiosks().get(0).online());
    }

    @Test
    void givenKnownKiosk_whenTouched_thenLastSeenMovesOnlyForward() {
        store.recordStatus(SITE, KIOSK, new KioskStatus(true, "1", "b", null));
        Instant t1 = Instant.parse("2030-01-01T00:00:00.123Z");
        store.touch(SITE, KIOSK, t1);
        store.touch(SITE, KIOSK, t1.minusSeconds(60));
        store.touch(SITE, "never-seen", t1);
        store.touch("other-site", KIOSK, t1.plusSeconds(60));
        List<KioskState> kiosks = store.kiosks();
        assertEquals(1, kiosks.size());
        assertEquals(t1, kiosks.get(0).lastSeen());
    }

    @Test
    void givenEvents_whenQueriedWithFilters_thenOnlyMatchingNewestFirstWithinLimit() {
        store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 9));
        store.storeBatch(SITE, TestEvents.batch("kiosk-02", 1, 3));

        assertEquals(12, store.events(new EventQuery(null, null, null, 100)).size());
        List<StoredEvent> ofKiosk = store.events(new EventQuery(SITE, KIOSK, null, 100));
        assertEquals(List.of(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L), ofKiosk.stream().map(StoredEvent::seq).toList());
        assertEquals("kiosk-02", store.events(new EventQuery(null, null, null, 1)).get(0).kioskId(),
                "newest stored first");

        List<StoredEvent> ratings = store.events(new EventQuery(SITE, KIOSK, "rating.submitted", 2));
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

        assertEquals(3, store.events(new EventQuery(null, null, "ticket.issued", 3)).size());
        assertEquals(0, store.events(new EventQuery(null, "kiosk-99", null, 100)).size());
        assertEquals(0, store.events(new EventQuery("site-9", KIOSK, null, 100)).size());
    }

    @Test
    void givenSqlInjectionLookingFilters_whenQueried_thenTheyMatchNothingAndHarmNothing() {
        store.storeBatch(SITE, TestEvents.batch(KIOSK, 1, 5));
        assertEquals(0, store.events(new EventQuery("x' OR '1'='1", null, null, 100)).size());
        assertEquals(0, store.events(new EventQuery(null, null, "ticket.issued'; DROP TABLE events; --", 100))
                .size());
        assertEquals(0, store.events(new EventQuery(SITE, KIOSK + "\" OR 1=1 --", "rating.submitted", 100)).size());
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
