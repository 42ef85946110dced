package vn.motcua.protocol.message;

import org.junit.jupiter.api.Test;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The optional {@code countersSignedIn} of telemetry: older agents' readings decode as "does not say". */
class TelemetrySignedInCountersTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private static String fixture() throws IOException {
        try (InputStream in = TelemetrySignedInCountersTest.class.getResourceAsStream("/fixtures/telemetry.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] with(String counters) throws IOException {
        return fixture().replaceFirst("\\{", "{\"countersSignedIn\": " + counters + ", ")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenAReadingWithoutCounters_whenDecoded_thenItDoesNotSay_andEncodingLeavesThemOut() throws IOException {
        Telemetry t = codec.decodeTelemetry(fixture().getBytes(StandardCharsets.UTF_8));
        assertNull(t.countersSignedIn());
        assertFalse(new String(codec.encode(t), StandardCharsets.UTF_8).contains("countersSignedIn"));
    }

    @Test
    void givenSignedInCounters_whenRoundTripped_thenKept_andNoneIsAnEmptyList() throws IOException {
        Telemetry t = codec.decodeTelemetry(with("[\"1\", \"2\"]"));
        assertEquals(List.of("1", "2"), t.countersSignedIn());
        assertEquals(t, codec.decodeTelemetry(codec.encode(t)));
        assertEquals(List.of(), codec.decodeTelemetry(with("[]")).countersSignedIn());
    }

    @Test
    void givenCountersOfTheWrongType_whenDecoded_thenRefusedNamingTheField() {
        assertEquals("countersSignedIn", assertThrows(ProtocolException.class,
                () -> codec.decodeTelemetry(with("\"1\""))).field());
    }
}
