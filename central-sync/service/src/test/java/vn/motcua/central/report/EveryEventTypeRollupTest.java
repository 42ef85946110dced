package vn.motcua.central.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreConfig;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.SignOutReason;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every event type of the contract, as the store holds it, is read by each rollup that says it reads that type, and
 * by no other. A new event type stops this test, and every rollup, from compiling until it is placed.
 */
class EveryEventTypeRollupTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private Database sql;

    @AfterEach
    void close() {
        if (sql != null) {
            sql.close();
        }
    }

    private static EventBody example(EventType type) {
        return switch (type) {
            case TICKET_ISSUED -> new TicketIssued("t1", "A", 1, "A001", Priority.ELDERLY);
            case TICKET_CALLED -> new TicketCalled("t1", "c1", "o1");
            case TICKET_SERVED -> new TicketServed("t1", "c1", "o1", 240);
            case TICKET_NO_SHOW -> new TicketNoShow("t1", "c1");
            case RATING_SUBMITTED -> new RatingSubmitted("r1", "t1", "c1", "o1", "1.005090",
                    RatingLevel.DISSATISFIED, 5, List.of("long_wait"), "Chờ lâu.");
            case COUNTER_SIGNED_IN -> new CounterSignedIn("c1", "o1");
            case COUNTER_SIGNED_OUT -> new CounterSignedOut("c1", "o1", SignOutReason.REPLACED);
        };
    }

    @Test
    void givenOneStoredEventOfEveryType_whenRolledUp_thenEachRollupReadsItsOwnTypesAndSetsNoneAside()
            throws Exception {
        sql = Database.open(new StoreConfig("jdbc:sqlite:" + Files.createTempDirectory("report-db").resolve("c.db"),
                "", "", 4, Duration.ofSeconds(5)));
        StoredEvents events = new StoredEvents("sqlite", 1);
        int minute = 0;
        for (EventType type : EventType.values()) {
            events.good(type.wireName(), minute++,
                    new String(codec.encode(example(type)), StandardCharsets.UTF_8));
        }
        events.store(sql);
        ReportConfig config = new ReportConfig(Duration.ofSeconds(1), 100, Duration.ofMinutes(10));

        assertEquals(Arrays.stream(EventType.values()).filter(QueueRollup::reads).count(),
                new QueueRollup(sql, config, Clock.systemUTC()).runOnce(), "the ticket events");
        assertEquals(Arrays.stream(EventType.values()).filter(RatingRollup::reads).count(),
                new RatingRollup(sql, config, Clock.systemUTC()).runOnce(), "the ratings");
        assertEquals(Arrays.stream(EventType.values()).filter(TicketProgressRollup::reads).count(),
                new TicketProgressRollup(sql, config, Clock.systemUTC()).runOnce(),
                "the ticket events, for the public page");

        assertEquals(Map.of("queue", 0L, "ratings", 0L, "ticket_page", 0L),
                new RollupHealth(sql, config, Clock.systemUTC()).setAside(),
                "every event read as the type it is");
    }
}
