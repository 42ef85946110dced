package vn.motcua.screen;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream's event names and {@code data:} lines, byte for byte as screens already read them. */
class StreamEventWireTest {
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** One example of every event, with its name and its data line. */
    private static final Map<StreamEvent, String> EXAMPLES = Map.of(
            new PrinterInfo("paper_out", "sensor", "2026-11-30T01:02:03Z"),
            "{\"status\":\"paper_out\",\"detail\":\"sensor\",\"since\":\"2026-11-30T01:02:03Z\"}",
            new ConfigChanged(8), "{\"version\":8}",
            new CallAnnounced("A012", "1", "Quầy 1", "2026-11-30T01:02:03Z", true),
            "{\"display\":\"A012\",\"counter\":\"1\",\"counterName\":\"Quầy 1\",\"at\":\"2026-11-30T01:02:03Z\","
                    + "\"recall\":true}",
            new QueueChanged("B"), "{\"service\":\"B\"}",
            new Notice("Nghỉ trưa", "2026-11-30T04:30:00Z"),
            "{\"text\":\"Nghỉ trưa\",\"until\":\"2026-11-30T04:30:00Z\"}",
            new RestartRequested("cmd-1"), "{\"commandId\":\"cmd-1\"}",
            new Ping(3), "{\"n\":3}");

    @Test
    void givenEveryEventType_whenNamed_thenTheNamesScreensAlreadyRead() {
        assertEquals(List.of("printer", "config", "call", "queue", "notice", "restart", "ping"),
                Arrays.stream(StreamEventType.values()).map(StreamEventType::wireName).toList());
        for (StreamEventType t : StreamEventType.values()) {
            assertEquals(Optional.of(t), StreamEventType.fromWire(t.wireName()));
        }
        assertEquals(Optional.empty(), StreamEventType.fromWire("message"));
    }

    @Test
    void givenOneExampleOfEach_whenWritten_thenTheDataLineIsUnchangedAndCarriesNoTypeField() throws Exception {
        assertEquals(Arrays.stream(StreamEventType.values()).collect(Collectors.toSet()),
                EXAMPLES.keySet().stream().map(StreamEvent::type).collect(Collectors.toSet()),
                "an example of every event type");
        for (Map.Entry<StreamEvent, String> e : EXAMPLES.entrySet()) {
            assertEquals(e.getValue(), json.writeValueAsString(e.getKey()), e.getKey().type().wireName());
        }
    }

    @Test
    void givenADataLine_whenReadAsItsEventsBody_thenTheSameEvent() throws Exception {
        for (Map.Entry<StreamEvent, String> e : EXAMPLES.entrySet()) {
            StreamEventType type = e.getKey().type();
            assertEquals(e.getKey(), json.readValue(e.getValue(), type.bodyType()), type.wireName());
            assertTrue(type.bodyType().isInstance(e.getKey()));
        }
    }

    @Test
    void givenPrinterStates_whenAsked_thenOnlyThoseThatStopTheTicketFromPrintingBlock() {
        for (String s : List.of("paper_out", "cover_open", "error", "offline")) {
            assertTrue(new PrinterInfo(s, null, null).blocksPrinting(), s);
        }
        for (String s : List.of("ready", "paper_low", "unknown")) {
            assertFalse(new PrinterInfo(s, null, null).blocksPrinting(), s);
        }
        assertFalse(PrinterInfo.unknown().blocksPrinting());
    }
}
