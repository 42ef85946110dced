package vn.motcua.agent.outbox;

import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.rating.RatingRequest;
import vn.motcua.agent.rating.RatingService;
import vn.motcua.agent.support.MutableClock;
import vn.motcua.agent.support.OutboxReader;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.RejectReason;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketServed;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox runs the contract's own strict read on every event before it stores it: an event central would refuse
 * is never committed, and neither is the rating or ticket it belongs to. Inputs that do not pass through the HTTP
 * edges (the rating buttons, a configured service) are held to the same rule.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRefusesWhatCentralWouldTest implements TestPropertyProvider {
    private static final String KIOSK = "kiosk-13";

    @Inject
    RatingService ratings;
    @Inject
    Outbox outbox;
    @Inject
    Database db;
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("outbox-refuses"), "kiosk.kiosk-id", KIOSK);
    }

    private long ratingRows() {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM rating");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static RatingRequest rating(String counter, String comment) {
        return new RatingRequest(null, counter, null, null, RatingLevel.DISSATISFIED, 5, List.of("long_wait"), comment);
    }

    @Test
    void givenRatingWithNulThatBypassedTheApi_whenSubmitted_thenRefusedNamingTheFieldAndRolledBackWithoutAGap() {
        clock.set(Instant.parse("2026-12-01T03:00:00Z"));
        long seq = OutboxReader.lastSeq(db);
        long rows = ratingRows();

        EventRefused refused = assertThrows(EventRefused.class,
                () -> ratings.submit(rating("quay-1\u0000", null), null));

        assertEquals(RejectReason.INVALID_CHARACTER, refused.rejectReason());
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, refused.status());
        assertEquals("data.counter", refused.body().field());
        assertEquals("event_refused", refused.body().error());
        assertTrue(refused.getMessage().contains("U+0000"), refused.getMessage());
        assertEquals(seq, OutboxReader.lastSeq(db), "no sequence number used");
        assertEquals(rows, ratingRows(), "the rating rolled back with its event");

        assertThrows(EventRefused.class, () -> ratings.submit(rating("1", "tốt\uDBFF"), null));
        assertEquals(rows, ratingRows());

        ratings.submit(rating("1", "Chờ hơi lâu"), null);
        assertEquals(seq + 1, OutboxReader.lastSeq(db));
        RatingSubmitted stored = (RatingSubmitted) OutboxReader.after(db, seq, KIOSK).get(0).data();
        assertEquals("Chờ hơi lâu", stored.comment());
    }

    @Test
    void givenEventsAConsumerRefuses_whenAppendedDirectly_thenNothingIsStored() {
        long seq = OutboxReader.lastSeq(db);
        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T10:00:00+07:00");
        EventRefused tooLong = assertThrows(EventRefused.class, () -> db.transaction(c -> outbox.append(c,
                new TicketServed("t-1", "1", "cb-an", TicketServed.MAX_SERVICE_SECONDS + 1), at)));
        assertEquals("data.serviceSeconds", tooLong.body().field());
        EventRefused year = assertThrows(EventRefused.class, () -> db.transaction(c -> outbox.append(c,
                new TicketServed("t-1", "1", "cb-an", 60), OffsetDateTime.parse("+999999999-12-31T23:59:59+07:00"))));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, year.status());
        assertEquals("clock_out_of_range", year.body().error());
        assertEquals(seq, OutboxReader.lastSeq(db));
    }
}
