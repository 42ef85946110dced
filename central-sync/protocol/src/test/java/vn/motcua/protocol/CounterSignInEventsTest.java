package vn.motcua.protocol;

import org.junit.jupiter.api.Test;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.SignOutReason;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code counter.signed_in} and {@code counter.signed_out}: what is accepted, and why the rest is refused. */
class CounterSignInEventsTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private static String batch(String type, String data) {
        return "{\"schema\":1,\"kioskId\":\"k1\",\"events\":[{\"seq\":1,\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + "\"type\":\"" + type + "\",\"at\":\"2026-11-30T07:30:00+07:00\",\"clockSynced\":true,"
                + "\"bootId\":\"b\",\"uptimeMs\":1,\"data\":" + data + "}]}";
    }

    private EventBatch decoded(String type, String data) {
        return codec.decodeEventBatch(batch(type, data).getBytes(StandardCharsets.UTF_8), "k1");
    }

    private ProtocolException refused(String type, String data) {
        return assertThrows(ProtocolException.class, () -> decoded(type, data));
    }

    @Test
    void givenSignInAndEachSignOutReason_whenDecoded_thenTypedBodies() {
        assertEquals(new CounterSignedIn("3", "cb-an"),
                decoded("counter.signed_in", "{\"counter\":\"3\",\"officerId\":\"cb-an\"}").events().get(0).data());
        for (SignOutReason reason : SignOutReason.values()) {
            KioskEvent e = decoded("counter.signed_out", "{\"counter\":\"3\",\"officerId\":\"cb-an\",\"reason\":\""
                    + reason.wireName() + "\"}").events().get(0);
            assertEquals(EventType.COUNTER_SIGNED_OUT, e.type());
            assertEquals(new CounterSignedOut("3", "cb-an", reason), e.data());
        }
        assertEquals(List.of("officer", "timeout", "replaced"),
                List.of(SignOutReason.values()).stream().map(SignOutReason::wireName).toList());
    }

    @Test
    void givenBodiesOfTheWrongShape_whenDecoded_thenRefusedWithReasonAndField() {
        record Case(String type, String data, RejectReason reason, String field, String says) {
        }
        List<Case> cases = List.of(
                new Case("counter.signed_in", "{\"officerId\":\"cb-an\"}", RejectReason.MISSING_FIELD,
                        "events[0].data.counter", "required"),
                new Case("counter.signed_in", "{\"counter\":\" \",\"officerId\":\"cb-an\"}",
                        RejectReason.INVALID_VALUE, "events[0].data.counter", "1-64"),
                new Case("counter.signed_in", "{\"counter\":\"3\",\"officerId\":\"" + "x".repeat(65) + "\"}",
                        RejectReason.INVALID_VALUE, "events[0].data.officerId", "64"),
                new Case("counter.signed_in", "{\"counter\":3,\"officerId\":\"cb-an\"}", RejectReason.WRONG_TYPE,
                        "events[0].data.counter", "string"),
                new Case("counter.signed_out", "{\"counter\":\"3\",\"officerId\":\"cb-an\"}",
                        RejectReason.MISSING_FIELD, "events[0].data.reason", "required"),
                new Case("counter.signed_out", "{\"counter\":\"3\",\"officerId\":\"cb-an\",\"reason\":\"lunch\"}",
                        RejectReason.INVALID_VALUE, "events[0].data.reason", "officer, timeout, replaced"),
                new Case("counter.signed_out", "{\"counter\":\"3\",\"officerId\":\"cb-an\",\"reason\":null}",
                        RejectReason.MISSING_FIELD, "events[0].data.reason", ""),
                new Case("counter.signed_out", "{\"counter\":\"3\",\"reason\":\"officer\"}",
                        RejectReason.MISSING_FIELD, "events[0].data.officerId", "required"),
                new Case("counter.signed_out", "{\"counter\":\"3\\u0007\",\"officerId\":\"cb-an\",\"reason\":\"officer\"}",
                        RejectReason.INVALID_CHARACTER, "events[0].data.counter", ""));
        for (Case c : cases) {
            ProtocolException e = refused(c.type(), c.data());
            assertEquals(c.reason(), e.reason(), c.data() + ": " + e.getMessage());
            assertEquals(c.field(), e.field(), c.data() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(c.says()), c.data() + ": " + e.getMessage());
        }
    }

    @Test
    void givenASignOut_whenEncodedAsAProducerDoes_thenTheWireNamesAreUsed() {
        KioskEvent event = new KioskEvent(1, UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"),
                EventType.COUNTER_SIGNED_OUT, OffsetDateTime.parse("2026-11-30T07:30:00+07:00"), true, "b", 1,
                new CounterSignedOut("3", "cb-an", SignOutReason.REPLACED));
        String json = codec.encodeEvent(event);
        assertTrue(json.contains("\"type\":\"counter.signed_out\""), json);
        assertTrue(json.contains("\"data\":{\"counter\":\"3\",\"officerId\":\"cb-an\",\"reason\":\"replaced\"}"), json);
    }

    /**
     * What a central older than these types does with them: the event is set aside with {@code unknown_event_type}
     * (central quarantines it and holds its number), the events around it are read, so the kiosk is not held up.
     */
    @Test
    void givenATypeThisConsumerDoesNotKnow_whenTheBatchIsRead_thenOnlyThatEventIsSetAside() {
        String batch = "{\"schema\":1,\"kioskId\":\"k1\",\"events\":["
                + event(1, "0f8fad5b-d9cb-469f-a165-70867728950e", "counter.signed_in",
                "{\"counter\":\"3\",\"officerId\":\"cb-an\"}") + ","
                + event(2, "1f8fad5b-d9cb-469f-a165-70867728950e", "counter.break_started",
                "{\"counter\":\"3\",\"officerId\":\"cb-an\"}") + ","
                + event(3, "2f8fad5b-d9cb-469f-a165-70867728950e", "ticket.no_show",
                "{\"ticketId\":\"t1\",\"counter\":\"3\"}") + "]}";
        ProtocolCodec.CheckedBatch checked = codec.decodeEventBatchKeepingRefused(
                batch.getBytes(StandardCharsets.UTF_8), "k1");
        assertEquals(List.of(1L, 3L), checked.batch().events().stream().map(KioskEvent::seq).toList());
        assertEquals(1, checked.refused().size());
        assertEquals(RejectReason.UNKNOWN_EVENT_TYPE, checked.refused().get(0).problem().reason());
        assertEquals("counter.break_started", checked.refused().get(0).type());
        assertEquals(3, checked.lastSeq(), "the ack may cover the refused event");
    }

    private static String event(long seq, String id, String type, String data) {
        return "{\"seq\":" + seq + ",\"id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"at\":\"2026-11-30T07:30:00+07:00\",\"clockSynced\":true,\"bootId\":\"b\",\"uptimeMs\":1,"
                + "\"data\":" + data + "}";
    }

    @Test
    void givenAStoredSignIn_whenReadBack_thenTheSameBody() {
        assertEquals(new CounterSignedIn("3", "cb-an"),
                codec.decodeStoredData(EventType.COUNTER_SIGNED_IN, "{\"counter\":\"3\",\"officerId\":\"cb-an\"}"));
    }
}
