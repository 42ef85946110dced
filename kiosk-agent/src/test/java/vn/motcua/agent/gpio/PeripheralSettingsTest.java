package vn.motcua.agent.gpio;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import vn.motcua.agent.counter.CounterSettings;
import vn.motcua.agent.printer.PrinterSettings;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong peripheral settings stop the agent at start-up with a message naming each key at fault. */
class PeripheralSettingsTest {
    private static GpioSettings gpio(int button, int green, List<Integer> ratingPins, String ratingCounter) {
        return new GpioSettings(true, button, Duration.ofMillis(30), Duration.ofSeconds(2), "A", green, 23, 24, 18,
                Duration.ofMillis(120), -1, false, 500, ratingPins, ratingCounter, Duration.ofSeconds(20));
    }

    @Test
    void givenTwoFunctionsOnOnePinAndAPinOffTheHeader_whenValidated_thenBothKeysNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> gpio(17, 17, List.of(), null));
        assertTrue(e.getMessage().contains("agent.gpio.green-pin 17 is already agent.gpio.button-pin"), e.getMessage());
        ConfigurationException off = assertThrows(ConfigurationException.class, () -> gpio(40, 22, List.of(), null));
        assertTrue(off.getMessage().contains("agent.gpio.button-pin 40 must be a BCM pin 0-27"), off.getMessage());
    }

    @Test
    void givenFourRatingButtonsWithoutCounter_whenValidated_thenCountAndCounterNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> gpio(17, 22, List.of(5, 6, 12, 13), null));
        assertTrue(e.getMessage().contains("agent.gpio.rating-pins must list 3 or 5 pins"), e.getMessage());
        assertTrue(e.getMessage().contains("agent.gpio.rating-counter"), e.getMessage());
        assertEquals(List.of(5, 6, 12), gpio(17, 22, List.of(5, 6, 12), "1").ratingPins());
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
