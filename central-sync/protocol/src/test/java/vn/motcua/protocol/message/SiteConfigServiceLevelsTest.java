package vn.motcua.protocol.message;

import org.junit.jupiter.api.Test;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The optional service-level fields: waiting-time targets, alert thresholds and the idle-counter minutes. */
class SiteConfigServiceLevelsTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    private static String fixture() throws IOException {
        try (InputStream in = SiteConfigServiceLevelsTest.class.getResourceAsStream("/fixtures/site-config.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fixture with the given fields added to its first service, and at the top when {@code top} is not empty. */
    private static byte[] with(String serviceFields, String top) throws IOException {
        String json = fixture().replaceFirst("\"prefix\"", serviceFields + "\"prefix\"");
        if (!top.isEmpty()) {
            json = json.replaceFirst("\"ratingScale\"", top + ",\n  \"ratingScale\"");
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenAConfigurationWithoutTargets_whenDecoded_thenDefaultsApply_andEncodingLeavesThemOut() throws IOException {
        SiteConfig config = codec.decodeSiteConfig(fixture().getBytes(StandardCharsets.UTF_8));
        SiteConfig.Service first = config.services().get(0);
        assertNull(first.targetMinutes());
        assertNull(first.longestWaitOrTarget());
        assertNull(config.idleCounterMinutes());
        assertEquals(SiteConfig.DEFAULT_IDLE_COUNTER_MINUTES, config.idleCounterMinutesOrDefault());
        String json = new String(codec.encode(config), StandardCharsets.UTF_8);
        assertFalse(json.contains("targetMinutes") || json.contains("queueLength")
                || json.contains("longestWaitMinutes") || json.contains("idleCounterMinutes"), json);
    }

    @Test
    void givenTargetsAndThresholds_whenRoundTripped_thenKept_andTheLongestWaitDefaultsToTheTarget() throws IOException {
        SiteConfig config = codec.decodeSiteConfig(with("\"targetMinutes\": 20, \"queueLength\": 15, ",
                "\"idleCounterMinutes\": 10"));
        SiteConfig.Service first = config.services().get(0);
        assertEquals(20, first.targetMinutes());
        assertEquals(20, first.longestWaitOrTarget());
        assertEquals(15, first.queueLength());
        assertEquals(10, config.idleCounterMinutesOrDefault());
        assertEquals(config, codec.decodeSiteConfig(codec.encode(config)));
        SiteConfig longer = codec.decodeSiteConfig(with("\"targetMinutes\": 20, \"longestWaitMinutes\": 45, ", ""));
        assertEquals(45, longer.services().get(0).longestWaitOrTarget());
    }

    @Test
    void givenAZeroNegativeHugeOrTextTarget_whenDecoded_thenRefusedNamingTheField() throws IOException {
        for (String bad : new String[]{"0", "-5", "481", "99999999999"}) {
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> codec.decodeSiteConfig(with("\"targetMinutes\": " + bad + ", ", "")), bad);
            assertEquals("services[0].targetMinutes", e.field(), bad);
        }
        ProtocolException text = assertThrows(ProtocolException.class,
                () -> codec.decodeSiteConfig(with("\"targetMinutes\": \"20\", ", "")));
        assertEquals("services[0].targetMinutes", text.field());
        assertEquals("services[0].queueLength", assertThrows(ProtocolException.class,
                () -> codec.decodeSiteConfig(with("\"queueLength\": 1000, ", ""))).field());
        assertEquals("services[0].longestWaitMinutes", assertThrows(ProtocolException.class,
                () -> codec.decodeSiteConfig(with("\"longestWaitMinutes\": 0, ", ""))).field());
        assertEquals("idleCounterMinutes", assertThrows(ProtocolException.class,
                () -> codec.decodeSiteConfig(with("", "\"idleCounterMinutes\": 241"))).field());
    }
}
