package vn.motcua.agent.gpio;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kiosk's GPIO: ticket button, status LEDs, buzzer, paper sensor. Keys under {@code agent.gpio}; pins are BCM
 * numbers, -1 means "not fitted".
 *
 * @param enabled           false on a PC: no GPIO is touched
 * @param buttonPin         the ticket button, wired to ground (pull-up; pressed reads low)
 * @param buttonDebounce    the GPIO driver's debounce
 * @param buttonGuard       after a ticket from the button, further presses are ignored this long (bounce, impatience)
 * @param defaultService    the service a button ticket is issued for
 * @param greenPin          LED: ready
 * @param amberPin          LED: offline from central, outbox backlog above {@code backlogAmber}, or paper nearly out
 * @param redPin            LED: printer fault or out of paper
 * @param buzzerPin         active buzzer
 * @param beep              length of the "ticket printed" beep
 * @param paperSensorPin    paper-out sensor; reads high when the paper is out unless {@code paperOutLow}
 * @param paperOutLow       the sensor reads low (not high) when the paper is out
 * @param backlogAmber      outbox events waiting for central above which the amber LED lights
 * @param ratingPins        optional physical rating buttons, best level first: 3 or 5 pins (none by default)
 * @param ratingCounter     the counter these buttons stand at; a press rates its last served, unrated ticket
 * @param ratingGuard       after a rating from the buttons, presses are ignored this long (one citizen, one rating)
 */
@ConfigurationProperties("agent.gpio")
public record GpioSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "17") int buttonPin,
        @Bindable(defaultValue = "30ms") Duration buttonDebounce,
        @Bindable(defaultValue = "2s") Duration buttonGuard,
        @Bindable(defaultValue = "A") String defaultService,
        @Bindable(defaultValue = "22") int greenPin,
        @Bindable(defaultValue = "23") int amberPin,
        @Bindable(defaultValue = "24") int redPin,
        @Bindable(defaultValue = "18") int buzzerPin,
        @Bindable(defaultValue = "120ms") Duration beep,
        @Bindable(defaultValue = "-1") int paperSensorPin,
        @Bindable(defaultValue = "false") boolean paperOutLow,
        @Bindable(defaultValue = "500") int backlogAmber,
        @Nullable List<Integer> ratingPins,
        @Nullable String ratingCounter,
        @Bindable(defaultValue = "20s") Duration ratingGuard) {

    public GpioSettings {
        List<String> errors = new ArrayList<>();
        Map<Integer, String> used = new HashMap<>();
        pin(errors, used, "button-pin", buttonPin, false);
        pin(errors, used, "green-pin", greenPin, true);
        pin(errors, used, "amber-pin", amberPin, true);
        pin(errors, used, "red-pin", redPin, true);
        pin(errors, used, "buzzer-pin", buzzerPin, true);
        pin(errors, used, "paper-sensor-pin", paperSensorPin, true);
        if (defaultService == null || !defaultService.matches("[A-Z]")) {
            errors.add("agent.gpio.default-service '" + defaultService + "' must be one uppercase letter A-Z");
        }
        if (buttonDebounce == null || buttonDebounce.isNegative() || buttonDebounce.toMillis() > 1000) {
            errors.add("agent.gpio.button-debounce must be 0-1000 ms");
        }
        if (buttonGuard == null || buttonGuard.isNegative()) {
            errors.add("agent.gpio.button-guard must be a duration, e.g. 2s");
        }
        if (beep == null || beep.isNegative() || beep.isZero() || beep.toMillis() > 5000) {
            errors.add("agent.gpio.beep must be 1-5000 ms");
        }
        ratingPins = ratingPins == null ? List.of() : List.copyOf(ratingPins);
        if (!ratingPins.isEmpty() && ratingPins.size() != 3 && ratingPins.size() != 5) {
            errors.add("agent.gpio.rating-pins must list 3 or 5 pins (best level first), got " + ratingPins.size());
        }
        for (int i = 0; i < ratingPins.size(); i++) {
            pin(errors, used, "rating-pins[" + i + "]", ratingPins.get(i), false);
        }
        if (!ratingPins.isEmpty() && (ratingCounter == null || ratingCounter.isBlank())) {
            errors.add("agent.gpio.rating-counter must name the counter the rating buttons stand at");
        }
        if (ratingGuard == null || ratingGuard.isNegative()) {
            errors.add("agent.gpio.rating-guard must be a duration, e.g. 20s");
        }
        if (backlogAmber < 1) {
            errors.add("agent.gpio.backlog-amber " + backlogAmber + " must be at least 1");
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }

    /** BCM 0-27 on the 40-pin header; two functions on one pin is a wiring mistake. */
    private static void pin(List<String> errors, Map<Integer, String> used, String key, int pin, boolean optional) {
        if (pin == -1 && optional) {
            return;
        }
        if (pin < 0 || pin > 27) {
            errors.add("agent.gpio." + key + " " + pin + " must be a BCM pin 0-27" + (optional ? " or -1" : ""));
            return;
        }
        String other = used.putIfAbsent(pin, key);
        if (other != null) {
            errors.add("agent.gpio." + key + " " + pin + " is already agent.gpio." + other);
        }
    }
}
