package vn.motcua.agent.sync;

import org.junit.jupiter.api.Test;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketIssued;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchEncoderTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private KioskEvent event(long seq, String comment) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-23T08:00:00.123+07:00");
        if (comment == null) {
            return new KioskEvent(seq, UUID.randomUUID(), EventType.TICKET_ISSUED, at, true, "boot", seq * 10,
                    new TicketIssued(UUID.randomUUID().toString(), "A", (int) seq, "A00" + seq, null));
        }
        return new KioskEvent(seq, UUID.randomUUID(), EventType.RATING_SUBMITTED, at, false, "boot", seq * 10,
                new RatingSubmitted(UUID.randomUUID().toString(), null, null, null, null, RatingLevel.NEUTRAL, 5,
                        List.of("long_wait"), comment));
    }

    @Test
    void givenStoredEvents_whenEncoded_thenBytesEqualTheCodecsEncodingOfTheBatchWithItsId() {
        List<KioskEvent> events = List.of(event(1, null), event(2, "Tốt"), event(3, null));
        List<Outbox.Row> rows = events.stream().map(e -> new Outbox.Row(e.seq(), codec.encode(e))).toList();
        String batchId = UUID.randomUUID().toString();

        BatchEncoder.Batch batch = new BatchEncoder(codec, "kiosk-01", 200 * 1024).encode(rows, batchId);

        assertArrayEquals(codec.encode(EventBatch.of("kiosk-01", events, batchId)), batch.payload());
        EventBatch decoded = codec.decodeEventBatch(batch.payload(), "kiosk-01");
        assertEquals(events, decoded.events());
        assertEquals(batchId, decoded.batchId());
        assertEquals(batchId, batch.batchId());
        assertEquals(1, batch.firstSeq());
        assertEquals(3, batch.lastSeq());
    }

    @Test
    void givenTheSameEvents_whenEncodedTwice_thenEachPublicationCarriesItsOwnId() {
        List<Outbox.Row> rows = List.of(new Outbox.Row(7, codec.encode(event(7, null))));
        BatchEncoder encoder = new BatchEncoder(codec, "kiosk-01", 200 * 1024);
        String first = UUID.randomUUID().toString();
        String again = UUID.randomUUID().toString();

        EventBatch a = codec.decodeEventBatch(encoder.encode(rows, first).payload(), "kiosk-01");
        EventBatch b = codec.decodeEventBatch(encoder.encode(rows, again).payload(), "kiosk-01");

        assertEquals(first, a.batchId());
        assertEquals(again, b.batchId());
        assertEquals(a.events(), b.events());
    }

    @Test
    void givenEventsBeyondTheByteLimit_whenEncoded_thenBatchStopsBelowTheLimit() {
        List<Outbox.Row> rows = new ArrayList<>();
        for (int seq = 1; seq <= 500; seq++) {
            rows.add(new Outbox.Row(seq, codec.encode(event(seq, "ư".repeat(500)))));
        }
        int limit = 64 * 1024;

        BatchEncoder.Batch batch = new BatchEncoder(codec, "kiosk-01", limit).encode(rows,
                UUID.randomUUID().toString());

        assertTrue(batch.payload().length <= limit, batch.payload().length + " bytes");
        assertTrue(batch.events() > 1 && batch.events() < 500, batch.events() + " events");
        assertEquals(batch.events(), codec.decodeEventBatch(batch.payload(), "kiosk-01").events().size());
        assertEquals(batch.events(), batch.lastSeq());
    }
}
