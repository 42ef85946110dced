package vn.motcua.central.report;

import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.central.store.EventStore;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A month (November 2026) at one site: four counters, each with its own officer and rating kiosk; every working
 * hour a counter calls a citizen, serves them in five minutes and the citizen rates a minute later (very satisfied
 * 70 %, satisfied 20 %, neutral or dissatisfied the rest), plus one anonymous button rating per counter and day.
 * A pattern changes some of these ratings (the month keeps its size) to what a flag must catch.
 */
final class MonthOfRatings {
    static final String SITE = "site-i";
    static final int DAYS = 30;
    static final int PER_DAY = 7;

    enum Pattern {
        HONEST,
        /** Kiosk k2, 2026-11-10: its day's eight ratings given within 40 seconds. */
        BURST,
        /** Officer o3: ten ratings name tickets no one called or served. */
        NEVER_SERVED,
        /** Officer o4: ten ratings given three hours after the service. */
        RATED_LATE,
        /** Counter c1 (kiosk k1), 2026-11-12: ten anonymous ratings, an hour apart, for seven citizens served
         * (none on the nine days after). */
        ANONYMOUS_OVER_SERVED,
        /** Officer o2: every rating at the top level. */
        TOP_SHARE
    }

    private final Map<String, List<KioskEvent>> byKiosk = new LinkedHashMap<>();
    private long firstSeq = 1;
    int ratings;

    MonthOfRatings(Pattern pattern) {
        this(pattern, 0);
    }

    /** The same month {@code monthsLater} months on (its first 30 days), with tickets of their own. */
    MonthOfRatings(Pattern pattern, int monthsLater) {
        firstSeq = 1 + 100_000L * monthsLater;
        Random random = new Random(20261130L);
        int neverLeft = 10;
        int lateLeft = 10;
        for (int day = 1; day <= DAYS; day++) {
            for (int c = 1; c <= 4; c++) {
                String counter = "c" + c;
                String officer = "o" + c;
                String kiosk = "k" + c;
                OffsetDateTime start = OffsetDateTime.parse("2026-11-%02dT08:00:00+07:00".formatted(day))
                        .plusMonths(monthsLater);
                for (int i = 0; i < PER_DAY; i++) {
                    String ticket = (monthsLater == 0 ? "" : "m" + monthsLater) + "t-%02d-%d-%d".formatted(day, c, i);
                    OffsetDateTime called = start.plusMinutes(60L * i);
                    add(kiosk, called.minusMinutes(3), new TicketIssued(ticket, "A", 1, "A%03d".formatted(i), null));
                    boolean never = pattern == Pattern.NEVER_SERVED && c == 3 && neverLeft > 0 && i % 3 == 0;
                    if (never) {
                        neverLeft--;
                    } else {
                        add(kiosk, called, new TicketCalled(ticket, counter, officer));
                        add(kiosk, called.plusMinutes(5), new TicketServed(ticket, counter, officer, 300));
                    }
                    OffsetDateTime rated = called.plusMinutes(6);
                    if (pattern == Pattern.RATED_LATE && c == 4 && lateLeft > 0 && i % 3 == 0) {
                        lateLeft--;
                        rated = called.plusMinutes(5).plusHours(3);
                    }
                    if (pattern == Pattern.BURST && c == 2 && day == 10) {
                        rated = start.plusHours(10).plusSeconds(5L * i);
                    }
                    RatingLevel level = pattern == Pattern.TOP_SHARE && c == 2 ? RatingLevel.VERY_SATISFIED
                            : level(random);
                    rate(kiosk, rated, ticket, counter, officer, level);
                }
                // the nine extra ratings of 12 November are taken from the nine days after it: same size
                int anonymous = pattern != Pattern.ANONYMOUS_OVER_SERVED || c != 1 ? 1
                        : day == 12 ? 10 : day <= 21 && day > 12 ? 0 : 1;
                for (int a = 0; a < anonymous; a++) {
                    rate(kiosk, start.plusMinutes(30 + 60L * a), null, counter, null, level(random));
                }
            }
        }
    }

    private static RatingLevel level(Random random) {
        double x = random.nextDouble();
        return x < 0.7 ? RatingLevel.VERY_SATISFIED : x < 0.9 ? RatingLevel.SATISFIED
                : x < 0.95 ? RatingLevel.NEUTRAL : RatingLevel.DISSATISFIED;
    }

    private void rate(String kiosk, OffsetDateTime at, String ticket, String counter, String officer,
                      RatingLevel level) {
        ratings++;
        add(kiosk, at, new RatingSubmitted(UUID.randomUUID().toString(), ticket, counter, officer, null, level, 5,
                List.of(), null));
    }

    private void add(String kiosk, OffsetDateTime at, EventBody body) {
        List<KioskEvent> list = byKiosk.computeIfAbsent(kiosk, k -> new ArrayList<>());
        list.add(new KioskEvent(firstSeq + list.size(), UUID.randomUUID(), EventType.of(body), at, true, "boot-1",
                3_600_000L + list.size() * 1000L, body));
    }

    /** Stores every kiosk's events as the ingest does, in batches the contract allows. */
    void store(EventStore store) {
        store(store, SITE);
    }

    /** Stores the month as the given site's. */
    void store(EventStore store, String site) {
        byKiosk.forEach((kiosk, events) -> {
            for (int i = 0; i < events.size(); i += EventBatch.MAX_EVENTS) {
                store.storeBatch(site, EventBatch.of(kiosk, events.subList(i, Math.min(events.size(),
                        i + EventBatch.MAX_EVENTS))));
            }
        });
    }
}
