package vn.motcua.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.motcua.protocol.event.EventBatch;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventBatchValidationTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode validBatch() {
        try {
            return (ObjectNode) json.readTree(FixturesRoundTripTest.fixture("events-batch.json"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProtocolException rejected(Consumer<ObjectNode> breakIt) {
        ObjectNode batch = validBatch();
        breakIt.accept(batch);
        return rejected(batch.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ProtocolException rejected(byte[] payload) {
        return assertThrows(ProtocolException.class, () -> codec.decodeEventBatch(payload, "kiosk-01"));
    }

    private ObjectNode firstEvent(ObjectNode batch) {
        return (ObjectNode) batch.get("events").get(0);
    }

    @Test
    void givenBytesThatAreNotJson_whenDecoded_thenMalformedJson() {
        assertEquals(RejectReason.MALFORMED_JSON, rejected("{\"schema\":1,".getBytes(StandardCharsets.UTF_8)).reason());
        assertEquals(RejectReason.MALFORMED_JSON, rejected(new byte[0]).reason());
        assertEquals(RejectReason.MALFORMED_JSON, rejected(new byte[] {(byte) 0xff, 0x00, 0x13}).reason());
    }

    @Test
    void givenSchemaTwo_whenDecoded_thenUnknownSchema() {
        ProtocolException e = rejected(b -> b.put("schema", 2));
        assertEquals(RejectReason.UNKNOWN_SCHEMA, e.reason());
        assertEquals("schema", e.field());
    }

    @Test
    void givenMissingFields_whenDecoded_thenMissingFieldNamesThePath() {
        ProtocolException e = rejected(b -> firstEvent(b).remove("seq"));
        assertEquals(RejectReason.MISSING_FIELD, e.reason());
        assertEquals("events[0].seq", e.field());

        e = rejected(b -> ((ObjectNode) firstEvent(b).get("data")).remove("display"));
        assertEquals("events[0].data.display", e.field());

        e = rejected(b -> b.remove("schema"));
        assertEquals(RejectReason.MISSING_FIELD, e.reason());
    }

    @Test
    void givenWrongTypes_whenDecoded_thenWrongTypeNamesThePath() {
        ProtocolException e = rejected(b -> firstEvent(b).put("seq", "41"));
        assertEquals(RejectReason.WRONG_TYPE, e.reason());
        assertEquals("events[0].seq", e.field());

        e = rejected(b -> firstEvent(b).put("clockSynced", "yes"));
        assertEquals("events[0].clockSynced", e.field());

        e = rejected(b -> b.put("events", "none"));
        assertEquals(RejectReason.WRONG_TYPE, e.reason());

        e = rejected(b -> ((ObjectNode) b.get("events").get(5).get("data")).put("reasons", "long_wait"));
        assertEquals("events[5].data.reasons", e.field());
        assertEquals(RejectReason.WRONG_TYPE, rejected("[1,2]".getBytes(StandardCharsets.UTF_8)).reason());
    }

    @Test
    void givenImpossibleValues_whenDecoded_thenInvalidValue() {
        assertEquals(RejectReason.INVALID_VALUE, rejected(b -> firstEvent(b).put("seq", 0)).reason());
        assertEquals(RejectReason.INVALID_VALUE, rejected(b -> firstEvent(b).put("id", "not-a-uuid")).reason());
        assertEquals(RejectReason.INVALID_VALUE, rejected(b -> firstEvent(b).put("at", "22/11/2026 08:00")).reason());
        assertEquals(RejectReason.INVALID_VALUE,
                rejected(b -> ((ObjectNode) firstEvent(b).get("data")).put("priority", "vip")).reason());
        // neutral is not a level of the three-level scale
        ProtocolException e = rejected(b -> ((ObjectNode) b.get("events").get(6).get("data")).put("level", "neutral"));
        assertEquals(RejectReason.INVALID_VALUE, e.reason());
        assertEquals("events[6].data.level", e.field());
        assertEquals(RejectReason.INVALID_VALUE,
                rejected(b -> ((ObjectNode) b.get("events").get(6).get("data")).put("scale", 4)).reason());
        assertEquals(RejectReason.INVALID_VALUE,
                rejected(b -> ((ObjectNode) b.get("events").get(6).get("data")).put("comment", "x".repeat(501))).reason());
        assertEquals(RejectReason.INVALID_VALUE, rejected(b -> ((ObjectNode) b.get("events").get(1)).put("seq", 41)).reason());
        assertEquals(RejectReason.INVALID_VALUE, rejected(b -> b.putArray("events")).reason());
    }

    @Test
    void givenUnknownEventType_whenDecoded_thenUnknownEventType() {
        ProtocolException e = rejected(b -> firstEvent(b).put("type", "ticket.teleported"));
        assertEquals(RejectReason.UNKNOWN_EVENT_TYPE, e.reason());
        assertEquals("events[0].type", e.field());
    }

    @Test
    void givenBatchClaimingAnotherKiosk_whenDecoded_thenKioskMismatch() {
        ProtocolException e = rejected(b -> b.put("kioskId", "kiosk-02"));
        assertEquals(RejectReason.KIOSK_MISMATCH, e.reason());
    }

    @Test
    void givenMoreThan500Events_whenDecoded_thenTooManyEvents() {
        ProtocolException e = rejected(b -> {
            ArrayNode events = (ArrayNode) b.get("events");
            ObjectNode template = (ObjectNode) events.get(0);
            events.removeAll();
            for (int i = 1; i <= EventBatch.MAX_EVENTS + 1; i++) {
                events.add(template.deepCopy().put("seq", i).put("id", java.util.UUID.randomUUID().toString()));
            }
        });
        assertEquals(RejectReason.TOO_MANY_EVENTS, e.reason());
    }

    @Test
    void givenOneMebibytePayload_whenDecoded_thenPayloadTooLargeBeforeParsing() {
        byte[] big = new byte[1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(RejectReason.PAYLOAD_TOO_LARGE, rejected(big).reason());
    }

    @Test
    void givenUnknownExtraFields_whenDecoded_thenIgnored() {
        ObjectNode batch = validBatch();
        batch.put("firmware", "2026.11");
        ((ObjectNode) firstEvent(batch).get("data")).put("colour", "blue");
        EventBatch decoded = codec.decodeEventBatch(batch.toString().getBytes(StandardCharsets.UTF_8), "kiosk-01");
        assertEquals(9, decoded.events().size());
    }

    @Test
    void givenEveryReason_thenCodesAreDistinctSnakeCase() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (RejectReason r : RejectReason.values()) {
            assertEquals(true, r.code().matches("[a-z_]+"), r.code());
            assertEquals(true, codes.add(r.code()), r.code());
        }
    }

    @org.junit.jupiter.api.Test
    void givenOneEventWithNulInItsComment_whenDecodedKeepingRefused_thenItIsSetAsideWholeAndTheOthersKept()
            throws Exception {
        ObjectNode batch = validBatch();
        ObjectNode rating = (ObjectNode) batch.get("events").get(5);
        ((ObjectNode) rating.get("data")).put("comment", "chờ\u0000lâu");
        int all = batch.get("events").size();

        ProtocolCodec.CheckedBatch checked = codec.decodeEventBatchKeepingRefused(
                batch.toString().getBytes(StandardCharsets.UTF_8), "kiosk-01");

        assertEquals(all - 1, checked.batch().events().size(), "the events around it are kept");
        assertEquals(1, checked.refused().size());
        ProtocolCodec.RefusedEvent refused = checked.refused().get(0);
        assertEquals(rating.get("seq").asLong(), refused.seq());
        assertEquals(rating.get("id").asText(), refused.id().toString());
        assertEquals(RejectReason.INVALID_CHARACTER, refused.problem().reason());
        assertEquals("chờ\u0000lâu", json.readTree(refused.json()).get("data").get("comment").asText(),
                "kept whole");
        assertEquals(false, refused.json().chars().anyMatch(c -> c == 0 || c > 127), "storable anywhere");
        assertEquals(batch.get("events").get(all - 1).get("seq").asLong(), checked.lastSeq());
        assertEquals(RejectReason.INVALID_CHARACTER, rejected(batch.toString().getBytes(StandardCharsets.UTF_8))
                .reason(), "the strict read still refuses the whole batch");
    }

    @org.junit.jupiter.api.Test
    void givenAnEventWithoutReadableSeq_whenDecodedKeepingRefused_thenTheWholeBatchIsRefused() {
        ObjectNode batch = validBatch();
        firstEvent(batch).put("seq", "one");
        assertThrows(ProtocolException.class, () -> codec.decodeEventBatchKeepingRefused(
                batch.toString().getBytes(StandardCharsets.UTF_8), "kiosk-01"));
    }
}
