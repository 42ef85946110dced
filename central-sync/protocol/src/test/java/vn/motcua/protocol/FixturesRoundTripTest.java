package vn.motcua.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.motcua.protocol.event.CounterSignedIn;
import vn.motcua.protocol.event.CounterSignedOut;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.SignOutReason;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.event.RatingLevel;
import vn.motcua.protocol.event.RatingSubmitted;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.message.Telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class FixturesRoundTripTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    static byte[] fixture(String name) {
        try (InputStream in = FixturesRoundTripTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** decode → encode → decode gives the same record, and the encoded JSON carries what the fixture carries. */
    private <T> T roundTrip(String name, Function<byte[], T> decode) throws IOException {
        byte[] original = fixture(name);
        T decoded = decode.apply(original);
        byte[] encoded = codec.encode(decoded);
        assertEquals(decoded, decode.apply(encoded), name + " changed on a round trip");
        assertSameFields(json.readTree(original), json.readTree(encoded), name);
        return decoded;
    }

    private void assertSameFields(JsonNode expected, JsonNode actual, String where) {
        if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(f ->
                    assertSameFields(expected.get(f), actual.path(f), where + "." + f));
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where + " size");
            for (int i = 0; i < expected.size(); i++) {
                assertSameFields(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else if (expected.isTextual() && actual.isTextual() && expected.textValue().contains("T")
                && expected.textValue().matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
            assertEquals(OffsetDateTime.parse(expected.textValue()).toInstant(),
                    OffsetDateTime.parse(actual.textValue()).toInstant(), where);
        } else if (expected.isNumber()) {
            assertEquals(expected.doubleValue(), actual.doubleValue(), 1e-9, where);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    @Test
    void givenEventBatchFixture_whenRoundTripped_thenEveryEventTypeAndFieldSurvives() throws IOException {
        EventBatch batch = roundTrip("events-batch.json", b -> codec.decodeEventBatch(b, "kiosk-01"));

        assertEquals("kiosk-01", batch.kioskId());
        assertEquals(List.of(41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L),
                batch.events().stream().map(e -> e.seq()).toList());
        assertEquals(List.of(EventType.values()).stream().map(EventType::wireName).toList(),
                batch.events().stream().map(e -> e.type().wireName()).distinct().toList());
        TicketIssued elderly = (TicketIssued) batch.events().get(1).data();
        assertEquals(Priority.ELDERLY, elderly.priority());
        assertEquals("B003", elderly.display());
        assertEquals(450, ((TicketServed) batch.events().get(3).data()).serviceSeconds());
        assertFalse(batch.events().get(4).clockSynced());
        RatingSubmitted low = (RatingSubmitted) batch.events().get(5).data();
        assertEquals(RatingLevel.DISSATISFIED, low.level());
        assertEquals("Chờ lâu quá, cán bộ hướng dẫn chưa rõ ràng.", low.comment());
        RatingSubmitted anonymous = (RatingSubmitted) batch.events().get(6).data();
        assertNull(anonymous.ticketId());
        assertEquals(3, anonymous.scale());
        assertEquals(new CounterSignedIn("2", "cb-tran-thi-b"), batch.events().get(7).data());
        assertEquals(new CounterSignedOut("3", "cb-nguyen-van-a", SignOutReason.OFFICER), batch.events().get(8).data());
    }

    @Test
    void givenMessageFixtures_whenRoundTripped_thenTheyDecodeToTheSameRecords() throws IOException {
        Ack ack = roundTrip("ack.json", codec::decodeAck);
        assertEquals(new Ack("so-gddt-hn", "kiosk-01", 47, "5f0c2b8e-1d7a-4c3e-9b6f-2a8d4e1c7b90", ack.sig()), ack);
        KioskStatus online = roundTrip("status-online.json", codec::decodeStatus);
        KioskStatus will = roundTrip("status-will.json", codec::decodeStatus);
        assertEquals(online.bootId(), will.bootId());
        assertFalse(will.online());
        Telemetry telemetry = roundTrip("telemetry.json", codec::decodeTelemetry);
        assertEquals(4, telemetry.queueLengths().get("A"));
        Command command = roundTrip("command.json", codec::decodeCommand);
        assertEquals("Bộ phận Một cửa nghỉ trưa từ 11:30 đến 13:30.", command.args().get("text"));
        CommandResult result = roundTrip("command-result.json", codec::decodeCommandResult);
        assertFalse(result.ok());
        SiteConfig config = roundTrip("site-config.json", codec::decodeSiteConfig);
        assertEquals("Xác minh văn bằng, chứng chỉ", config.procedures().get(0).nameVi());
        assertEquals(5, config.ratingScale());
    }
}
