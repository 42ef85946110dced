package vn.motcua.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code data} of a stored event read back into its typed body, and each body handed to its own visitor method. */
class StoredEventDataTest {
    private static final String RATING = "{\"ratingId\":\"r-1\",\"ticketId\":null,\"counter\":\"c1\","
            + "\"officerId\":\"o1\",\"procedureCode\":null,\"level\":\"satisfied\",\"scale\":5,\"reasons\":[],"
            + "\"comment\":null}";
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** The body type each visitor method stands for. */
    private static final EventBody.Visitor<EventType> TYPE_OF = new EventBody.Visitor<>() {
        @Override
        public EventType ticketIssued(TicketIssued issued) {
            return EventType.TICKET_ISSUED;
        }

        @Override
        public EventType ticketCalled(TicketCalled called) {
            return EventType.TICKET_CALLED;
        }

        @Override
        public EventType ticketServed(TicketServed served) {
            return EventType.TICKET_SERVED;
        }

        @Override
        public EventType ticketNoShow(TicketNoShow noShow) {
            return EventType.TICKET_NO_SHOW;
        }

        @Override
        public EventType ratingSubmitted(RatingSubmitted rating) {
            return EventType.RATING_SUBMITTED;
        }

        @Override
        public EventType counterSignedIn(CounterSignedIn signedIn) {
            return EventType.COUNTER_SIGNED_IN;
        }

        @Override
        public EventType counterSignedOut(CounterSignedOut signedOut) {
            return EventType.COUNTER_SIGNED_OUT;
        }
    };

    private ProtocolException refused(EventType type, String data) {
        return assertThrows(ProtocolException.class, () -> codec.decodeStoredData(type, data));
    }

    private String rating(String field, Object value) throws IOException {
        ObjectNode node = (ObjectNode) json.readTree(RATING);
        node.set(field, json.valueToTree(value));
        return node.toString();
    }

    @Test
    void givenEveryEventTypeOfTheFixture_whenItsDataIsReadAsStored_thenTheBodyIsTheOneTheBatchCarried()
            throws IOException {
        byte[] fixture = FixturesRoundTripTest.fixture("events-batch.json");
        EventBatch batch = codec.decodeEventBatch(fixture, "kiosk-01");
        JsonNode events = json.readTree(fixture).get("events");
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (int i = 0; i < batch.events().size(); i++) {
            KioskEvent event = batch.events().get(i);
            EventBody stored = codec.decodeStoredData(event.type(), events.get(i).get("data").toString());
            assertEquals(event.data(), stored, "seq " + event.seq());
            assertEquals(event.type(), stored.accept(TYPE_OF), "seq " + event.seq() + " visits its own method");
            seen.add(event.type());
        }
        assertEquals(EnumSet.allOf(EventType.class), seen, "the fixture holds every event type");
    }

    @Test
    void givenDataBeyondTheLimitsOfArrival_whenReadAsStored_thenItIsReadWhileABatchRefusesIt() throws IOException {
        String longCounter = "c".repeat(20_000);
        String lineBreak = "Chờ lâu.\nCán bộ vắng.";
        String data = rating("counter", longCounter);
        data = ((ObjectNode) json.readTree(data)).put("comment", lineBreak).toString();
        data = ((ObjectNode) json.readTree(data)).set("reasons",
                json.valueToTree(java.util.Collections.nCopies(50, "long_wait"))).toString();

        RatingSubmitted read = (RatingSubmitted) codec.decodeStoredData(EventType.RATING_SUBMITTED, data);

        assertEquals(longCounter, read.counter());
        assertEquals(lineBreak, read.comment());
        assertEquals(50, read.reasons().size());
        String batch = "{\"schema\":1,\"kioskId\":\"k\",\"events\":[{\"seq\":1,\"id\":"
                + "\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"type\":\"rating.submitted\","
                + "\"at\":\"2026-11-22T08:01:02+07:00\",\"clockSynced\":true,\"bootId\":\"b\",\"uptimeMs\":1,"
                + "\"data\":" + data + "}]}";
        assertThrows(ProtocolException.class,
                () -> codec.decodeEventBatch(batch.getBytes(StandardCharsets.UTF_8), "k"));
    }

    @Test
    void givenDataOfTheWrongShape_whenReadAsStored_thenRefusedNamingTheField() throws IOException {
        record Case(EventType type, String data, RejectReason reason, String field) {
        }
        List<Case> cases = List.of(
                new Case(EventType.RATING_SUBMITTED, rating("level", "ecstatic"), RejectReason.INVALID_VALUE,
                        "data.level"),
                new Case(EventType.RATING_SUBMITTED, rating("counter", 42), RejectReason.WRONG_TYPE,
                        "data.counter"),
                new Case(EventType.RATING_SUBMITTED, rating("scale", 4), RejectReason.INVALID_VALUE, "data.scale"),
                new Case(EventType.RATING_SUBMITTED, rating("reasons", List.of(" ")), RejectReason.INVALID_VALUE,
                        "data.reasons[0]"),
                new Case(EventType.TICKET_SERVED,
                        "{\"ticketId\":\"t1\",\"counter\":\"c1\",\"officerId\":\"o1\",\"serviceSeconds\":\"abc\"}",
                        RejectReason.WRONG_TYPE, "data.serviceSeconds"),
                new Case(EventType.TICKET_SERVED, "{\"ticketId\":\"t1\",\"counter\":\"c1\",\"officerId\":\"o1\","
                        + "\"serviceSeconds\":" + (TicketServed.MAX_SERVICE_SECONDS + 1) + "}",
                        RejectReason.INVALID_VALUE, "data.serviceSeconds"),
                new Case(EventType.TICKET_CALLED, "{\"ticketId\":\" \",\"counter\":\"c1\",\"officerId\":\"o1\"}",
                        RejectReason.INVALID_VALUE, "data.ticketId"),
                new Case(EventType.TICKET_NO_SHOW, "{\"ticketId\":\"t1\"}", RejectReason.MISSING_FIELD,
                        "data.counter"),
                new Case(EventType.TICKET_NO_SHOW, "{\"ticketId\":", RejectReason.MALFORMED_JSON, "data"),
                new Case(EventType.TICKET_NO_SHOW, "[]", RejectReason.WRONG_TYPE, "data"),
                new Case(EventType.TICKET_NO_SHOW, null, RejectReason.MISSING_FIELD, "data"));
        for (Case c : cases) {
            ProtocolException e = refused(c.type(), c.data());
            assertEquals(c.reason(), e.reason(), c.data() + ": " + e.getMessage());
            assertEquals(c.field(), e.field(), c.data() + ": " + e.getMessage());
        }
    }

    @Test
    void givenAScaleThatOnlyWrapsToFive_whenDecoded_thenRefused() throws IOException {
        // 2^32 + 5 once passed as 5 when cut to an int
        ProtocolException e = refused(EventType.RATING_SUBMITTED, rating("scale", (1L << 32) + 5));
        assertEquals("data.scale", e.field());
    }
}
