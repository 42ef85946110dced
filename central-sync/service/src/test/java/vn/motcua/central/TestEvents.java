package vn.motcua.central;

import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

/** Valid events and batches for tests; the type of each seq is fixed, see {@link #event(long)}. */
public final class TestEvents {
    public static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-22T08:01:02.345+07:00");

    private TestEvents() {
    }

    /** seq % 3 == 1: ticket.issued, == 2: ticket.called, == 0: rating.submitted. */
    public static KioskEvent event(long seq) {
        String ticketId = "t-" + seq;
        return switch ((int) (seq % 3)) {
            case 1 -> new KioskEvent(seq, UUID.randomUUID(), EventType.TICKET_ISSUED, AT.plusSeconds(seq), true,
                    "boot-1", seq * 1000, new TicketIssued(ticketId, "A", (int) (seq % 9999) + 1,
                    String.format("A%03d", seq % 1000), seq % 2 == 0 ? Priority.ELDERLY : null));
            case 2 -> new KioskEvent(seq, UUID.randomUUID(), EventType.TICKET_CALLED, AT.plusSeconds(seq), true,
                    "boot-1", seq * 1000, new TicketCalled(ticketId, "3", "officer-a"));
            default -> new KioskEvent(seq, UUID.randomUUID(), EventType.RATING_SUBMITTED, AT.plusSeconds(seq), false,
                    "boot-1", seq * 1000, new RatingSubmitted("r-" + seq, ticketId, "3", "officer-a", null,
                    RatingLevel.SATISFIED, 5, List.of("long_wait"), "ổn"));
        };
    }

    /** A rating at {@code seq} whose comment is {@code comment}, as it is: no validation runs here. */
    public static KioskEvent rating(long seq, String comment) {
        return new KioskEvent(seq, UUID.randomUUID(), EventType.RATING_SUBMITTED, AT.plusSeconds(seq), true, "boot-1",
                seq * 1000, new RatingSubmitted("r-" + seq, "t-" + seq, "3", "officer-a", null,
                RatingLevel.DISSATISFIED, 5, List.of("long_wait"), comment));
    }

    /** The same event under another sequence number: what a renumbering agent resends. */
    public static KioskEvent renumbered(KioskEvent e, long seq) {
        return new KioskEvent(seq, e.id(), e.type(), e.at(), e.clockSynced(), e.bootId(), e.uptimeMs(), e.data());
    }

    public static EventBatch batch(String kioskId, long fromSeq, long toSeq) {
        return EventBatch.of(kioskId, LongStream.rangeClosed(fromSeq, toSeq).mapToObj(TestEvents::event).toList());
    }

    /** The batch as an agent that names its publications sends it. */
    public static EventBatch named(EventBatch batch) {
        return EventBatch.of(batch.kioskId(), batch.events(), UUID.randomUUID().toString());
    }

    public static EventBatch batchOf(String kioskId, long... seqs) {
        List<KioskEvent> events = new ArrayList<>();
        for (long seq : seqs) {
            events.add(event(seq));
        }
        return EventBatch.of(kioskId, events);
    }

    /** How many of seqs 1..n are of the given type under {@link #event(long)}. */
    public static long countOfType(long n, EventType type) {
        return LongStream.rangeClosed(1, n).filter(s -> event(s).type() == type).count();
    }
}
