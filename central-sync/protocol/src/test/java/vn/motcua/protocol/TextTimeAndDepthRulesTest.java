package vn.motcua.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketServed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Texts without control characters or unpaired surrogates, times inside the window, JSON of a sane depth. */
class TextTimeAndDepthRulesTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode fixture(String name) {
        try {
            return (ObjectNode) json.readTree(FixturesRoundTripTest.fixture(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ProtocolException batchRejected(Consumer<ObjectNode> breakIt) {
        ObjectNode batch = fixture("events-batch.json");
        breakIt.accept(batch);
        return assertThrows(ProtocolException.class, () -> codec.decodeEventBatch(bytes(batch), "kiosk-01"));
    }

    private static ObjectNode event(ObjectNode batch, int i) {
        return (ObjectNode) batch.get("events").get(i);
    }

    private static ObjectNode data(ObjectNode batch, int i) {
        return (ObjectNode) event(batch, i).get("data");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x0000, 0x0001, 0x0009, 0x000A, 0x000D, 0x001B, 0x001F, 0x007F, 0x0080, 0x0085, 0x009F})
    void givenControlCharacterInRatingComment_whenDecoded_thenInvalidCharacterNamesTheField(int control) {
        ProtocolException e = batchRejected(b -> data(b, 5).put("comment", "Chờ lâu" + (char) control + "quá"));
        assertEquals(RejectReason.INVALID_CHARACTER, e.reason());
        assertEquals("events[5].data.comment", e.field());
        assertTrue(e.getMessage().contains(String.format("U+%04X at position 8", control)), e.getMessage());
    }

    @Test
    void givenNulEscapeInEveryKindOfEventText_whenDecoded_thenEachIsRefusedByPath() {
        assertEquals("events[0].data.ticketId",
                batchRejected(b -> data(b, 0).put("ticketId", "7c9e\u0000")).field());
        assertEquals("events[2].data.officerId",
                batchRejected(b -> data(b, 2).put("officerId", "cb-\u0000")).field());
        assertEquals("events[5].data.reasons[1]",
                batchRejected(b -> ((com.fasterxml.jackson.databind.node.ArrayNode) data(b, 5).get("reasons"))
                        .set(1, "slow\u0000")).field());
        assertEquals("events[0].bootId", batchRejected(b -> event(b, 0).put("bootId", "boot\u0000")).field());
        assertEquals("kioskId", batchRejected(b -> b.put("kioskId", "kiosk-01\u0000")).field());
        assertEquals(RejectReason.INVALID_CHARACTER,
                batchRejected(b -> event(b, 0).put("type", "ticket.issued\u0000")).reason());
    }

    @Test
    void givenUnpairedSurrogates_whenDecoded_thenInvalidCharacter() {
        // as JSON escapes, the way a hostile or careless producer writes them
        for (String comment : List.of("\\uD800", "a\\udc00b", "end\\uD83D", "\\uDE00start", "\\uDC4D\\uD83D")) {
            ObjectNode batch = fixture("events-batch.json");
            data(batch, 5).put("comment", "COMMENT");
            byte[] payload = batch.toString().replace("COMMENT", comment).getBytes(StandardCharsets.UTF_8);
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> codec.decodeEventBatch(payload, "kiosk-01"), comment);
            assertEquals(RejectReason.INVALID_CHARACTER, e.reason(), comment);
            assertEquals("events[5].data.comment", e.field());
            assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        }
        // the same as the bytes a careless encoder writes for a lone surrogate (CESU-8 / WTF-8: ED A0 80)
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String batch = fixture("events-batch.json").toString();
        String marker = "Chờ lâu quá";
        int at = batch.indexOf(marker);
        raw.writeBytes(batch.substring(0, at).getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        raw.writeBytes(batch.substring(at).getBytes(StandardCharsets.UTF_8));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decodeEventBatch(raw.toByteArray(), "kiosk-01"));
        assertTrue(e.reason() == RejectReason.INVALID_CHARACTER || e.reason() == RejectReason.MALFORMED_JSON,
                e.getMessage());
    }

    @Test
    void givenVietnameseEmojiAndCombiningMarks_whenDecoded_thenAccepted() {
        String comment = "Cán bộ nhiệt tình, hướng dẫn rõ ràng 👍 — Ê Ơ Ư Đ ₫ 「」 "
                + "Tie\u0302\u0301ng Vie\u0323\u0302t (tổ hợp) \u00A0nbsp";
        ObjectNode batch = fixture("events-batch.json");
        data(batch, 5).put("comment", comment);
        EventBatch decoded = codec.decodeEventBatch(bytes(batch), "kiosk-01");
        assertEquals(comment, ((RatingSubmitted) decoded.events().get(5).data()).comment());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59+07:00", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "2019-12-31T23:59:59.999Z", "2020-01-01T06:59:59+07:00", "2100-01-01T00:00:00Z", "-0001-06-01T00:00Z"})
    void givenEventAtOutsideTheWindow_whenDecoded_thenTimeOutOfRange(String at) {
        ProtocolException e = batchRejected(b -> event(b, 3).put("at", at));
        assertEquals(RejectReason.TIME_OUT_OF_RANGE, e.reason(), e.getMessage());
        assertEquals("events[3].at", e.field());
    }

    @Test
    void givenTimesAtTheWindowsEdges_whenDecoded_thenAccepted() {
        ObjectNode batch = fixture("events-batch.json");
        event(batch, 0).put("at", "2020-01-01T07:00:00+07:00");
        event(batch, 1).put("at", "2099-12-31T23:59:59.999Z");
        EventBatch decoded = codec.decodeEventBatch(bytes(batch), "kiosk-01");
        assertEquals(TimeWindow.EARLIEST, decoded.events().get(0).at().toInstant());
    }

    @Test
    void givenOtherMessagesWithTimesOutsideTheWindow_whenDecoded_thenTimeOutOfRange() {
        ObjectNode telemetry = fixture("telemetry.json").put("at", "+999999999-12-31T23:59:59Z");
        assertEquals(RejectReason.TIME_OUT_OF_RANGE, assertThrows(ProtocolException.class,
                () -> codec.decodeTelemetry(bytes(telemetry))).reason());
        ObjectNode status = fixture("status-online.json").put("since", "0001-01-01T00:00:00Z");
        assertEquals(RejectReason.TIME_OUT_OF_RANGE, assertThrows(ProtocolException.class,
                () -> codec.decodeStatus(bytes(status))).reason());
        ObjectNode command = fixture("command.json").put("expiresAt", "2200-01-01T00:00:00Z");
        assertEquals("expiresAt", assertThrows(ProtocolException.class,
                () -> codec.decodeCommand(bytes(command))).field());
    }

    @Test
    void givenTicketLeftCalledOverAWeekend_whenServedEventDecoded_thenAcceptedUpToTheDocumentedBound() {
        ObjectNode weekend = fixture("events-batch.json");
        data(weekend, 3).put("serviceSeconds", 236_422);
        assertEquals(236_422, ((TicketServed) codec.decodeEventBatch(bytes(weekend), "kiosk-01").events().get(3)
                .data()).serviceSeconds());
        ObjectNode bound = fixture("events-batch.json");
        data(bound, 3).put("serviceSeconds", TicketServed.MAX_SERVICE_SECONDS);
        codec.decodeEventBatch(bytes(bound), "kiosk-01");

        ProtocolException e = batchRejected(b -> data(b, 3).put("serviceSeconds", TicketServed.MAX_SERVICE_SECONDS + 1));
        assertEquals(RejectReason.INVALID_VALUE, e.reason());
        assertEquals("events[3].data.serviceSeconds", e.field());
        assertEquals(RejectReason.INVALID_VALUE, batchRejected(b -> data(b, 3).put("serviceSeconds", -1)).reason());
    }

    @Test
    void givenFiftyThousandDeepNesting_whenAnyMessageDecoded_thenMalformedJsonAndNoStackOverflow() {
        byte[] arrays = "[".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        byte[] objects = "{\"a\":".repeat(40_000).getBytes(StandardCharsets.UTF_8);
        List<Function<byte[], ?>> decoders = List.of(b -> codec.decodeEventBatch(b, "kiosk-01"), codec::decodeAck,
                codec::decodeStatus, codec::decodeTelemetry, codec::decodeCommand, codec::decodeCommandResult,
                codec::decodeSiteConfig);
        for (Function<byte[], ?> decode : decoders) {
            for (byte[] deep : List.of(arrays, objects)) {
                ProtocolException e = assertThrows(ProtocolException.class, () -> decode.apply(deep));
                assertEquals(RejectReason.MALFORMED_JSON, e.reason());
                assertTrue(e.getMessage().contains("deeper than"), e.getMessage());
            }
        }
        // nesting inside an otherwise valid batch, where unknown fields are ignored, is refused too
        ObjectNode batch = fixture("events-batch.json");
        String deepField = "\"extra\":" + "[".repeat(40) + "]".repeat(40) + ",";
        String text = batch.toString().replaceFirst("\\{", "{" + deepField);
        assertEquals(RejectReason.MALFORMED_JSON, assertThrows(ProtocolException.class,
                () -> codec.decodeEventBatch(text.getBytes(StandardCharsets.UTF_8), "kiosk-01")).reason());
    }

    @Test
    void givenSiteConfigAndCommandTexts_whenDecoded_thenLongTextsMayBreakLinesButIdsMayNot() {
        ObjectNode config = fixture("site-config.json");
        config.putArray("notices").add("Nghỉ trưa 11:30–13:30.\nBuổi chiều làm việc đến 17:00.");
        ((ObjectNode) config.get("procedures").get(0)).putArray("documents").add("Đơn đề nghị\t(bản chính)");
        assertEquals(2, codec.decodeSiteConfig(bytes(config)).notices().get(0).lines().count());

        ObjectNode badCounter = fixture("site-config.json");
        ((ObjectNode) badCounter.get("counters").get(0)).put("id", "1\t");
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeSiteConfig(bytes(badCounter)));
        assertEquals(RejectReason.INVALID_CHARACTER, e.reason());
        assertEquals("counters[0].id", e.field());
        ObjectNode nulNotice = fixture("site-config.json");
        nulNotice.putArray("notices").add("a\u0000b");
        assertEquals("notices[0]", assertThrows(ProtocolException.class,
                () -> codec.decodeSiteConfig(bytes(nulNotice))).field());

        ObjectNode command = fixture("command.json");
        ((ObjectNode) command.get("args")).put("text", "Dòng một\r\nDòng hai");
        assertEquals("Dòng một\r\nDòng hai", codec.decodeCommand(bytes(command)).args().get("text"));
        ObjectNode nulArg = fixture("command.json");
        ((ObjectNode) nulArg.get("args")).put("text", "x\u0000");
        assertEquals("args.text", assertThrows(ProtocolException.class, () -> codec.decodeCommand(bytes(nulArg))).field());
        ObjectNode nulKey = fixture("command.json");
        ((ObjectNode) nulKey.get("args")).put("te\u0000xt", "x");
        assertEquals("args", assertThrows(ProtocolException.class, () -> codec.decodeCommand(bytes(nulKey))).field());
        ObjectNode telemetry = fixture("telemetry.json");
        ((ObjectNode) telemetry.get("queueLengths")).put("\u0085", 1);
        assertEquals(RejectReason.INVALID_CHARACTER, assertThrows(ProtocolException.class,
                () -> codec.decodeTelemetry(bytes(telemetry))).reason());
    }

    private static KioskEvent rating(String comment, OffsetDateTime at) {
        return new KioskEvent(9, UUID.randomUUID(), EventType.RATING_SUBMITTED, at, true, "boot-1", 1000,
                new RatingSubmitted(UUID.randomUUID().toString(), null, null, null, null, RatingLevel.SATISFIED, 5,
                        List.of(), comment));
    }

    @Test
    void givenGoodEvent_whenEncodedForTheOutbox_thenItIsTheJsonEncodeWritesAndABatchOfItDecodes() throws IOException {
        KioskEvent event = rating("Rất tốt 👍", OffsetDateTime.parse("2026-11-22T08:00:00+07:00"));
        String encoded = codec.encodeEvent(event);
        assertEquals(json.readTree(codec.encode(event)), json.readTree(encoded));
        String batch = "{\"schema\":1,\"kioskId\":\"k\",\"events\":[" + encoded + "]}";
        assertEquals(event, codec.decodeEventBatch(batch.getBytes(StandardCharsets.UTF_8), "k").events().get(0));
    }

    @Test
    void givenEventAConsumerWouldRefuse_whenEncodedForTheOutbox_thenRefusedNamingTheField() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-22T08:00:00+07:00");
        ProtocolException nul = assertThrows(ProtocolException.class, () -> codec.encodeEvent(rating("a\u0000", at)));
        assertEquals(RejectReason.INVALID_CHARACTER, nul.reason());
        assertEquals("data.comment", nul.field());
        ProtocolException surrogate = assertThrows(ProtocolException.class,
                () -> codec.encodeEvent(rating("a\uD800", at)));
        assertEquals("data.comment", surrogate.field());
        ProtocolException year = assertThrows(ProtocolException.class,
                () -> codec.encodeEvent(rating(null, OffsetDateTime.parse("+10000-01-01T00:00:00Z"))));
        assertEquals(RejectReason.TIME_OUT_OF_RANGE, year.reason());
        assertEquals("at", year.field());
        ProtocolException tooLong = assertThrows(ProtocolException.class,
                () -> codec.encodeEvent(rating("x".repeat(501), at)));
        assertEquals(RejectReason.INVALID_VALUE, tooLong.reason());
        KioskEvent served = new KioskEvent(9, UUID.randomUUID(), EventType.TICKET_SERVED, at, true, "boot-1", 1000,
                new TicketServed("t", "1", "cb", TicketServed.MAX_SERVICE_SECONDS + 1));
        assertEquals("data.serviceSeconds", assertThrows(ProtocolException.class, () -> codec.encodeEvent(served)).field());
    }
}
