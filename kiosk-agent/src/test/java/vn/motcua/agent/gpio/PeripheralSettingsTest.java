package vn.motcua.agent.gpio;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.config.CounterSettings;
import vn.motcua.agent.printer.PrinterSettings;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong peripheral settings stop the agent at start-up with a message naming each key at fault. */
class PeripheralSettingsTest {
    @Test
    void givenWrongBehaviourKeys_whenValidated_thenEachKeyNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new GpioSettings(true,
                Duration.ofSeconds(2), Duration.ofSeconds(2), "a", Duration.ZERO, false, 0, " ", Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("agent.gpio.default-service 'a'"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.gpio.button-debounce"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.gpio.beep"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.gpio.backlog-amber 0"), e.getMessage());
        assertEquals(null, new GpioSettings(true, Duration.ofMillis(30), Duration.ofSeconds(2), "A",
                Duration.ofMillis(120), false, 500, " ", Duration.ofSeconds(20)).ratingCounter(), "blank: no counter");
    }

    @Test
    void givenUnknownPrinterKindAndWidth_whenValidated_thenKeysNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new PrinterSettings("laser",
                "./data/printed", "/dev/serial0", 115200, "/dev/usb/lp0", 76, false, false, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 1, Duration.ofSeconds(2), "a.ttf", "b.ttf"));
        assertTrue(e.getMessage().contains("agent.printer.kind 'laser'"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.printer.paper-width-mm 76 must be 58 or 80"), e.getMessage());
    }

    @Test
    void givenPinThatIsNotDigits_whenValidated_thenEntryNamedWithoutEchoingThePin() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new CounterSettings(true,
                "0.0.0.0", 8090, null, 3, List.of("cb-an:12ab"), 20, Duration.ofMinutes(5), 6));
        assertTrue(e.getMessage().contains("agent.counter.officer-pins entry 'cb-an:…'"), e.getMessage());
        assertTrue(!e.getMessage().contains("12ab"), "the PIN is not logged");
    }
}
