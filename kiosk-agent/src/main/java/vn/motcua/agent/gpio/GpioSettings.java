package vn.motcua.agent.gpio;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the kiosk's GPIO peripherals behave. Keys under {@code agent.gpio}. Which pin each one is on is wiring, declared
 * once in kiosk.yaml ({@code gpio.*}, see {@link Wiring}); nothing here names a pin.
 *
 * @param enabled           false on a PC: no GPIO is touched
 * @param buttonDebounce    the GPIO driver's debounce of the ticket and rating buttons
 * @param buttonGuard       after a ticket from the button, further presses are ignored this long (bounce, impatience)
 * @param defaultService    the service a button ticket is issued for
 * @param beep              length of the "ticket printed" beep
 * @param paperOutLow       the paper sensor reads low (not high) when the paper is out
 * @param backlogAmber      outbox events waiting for central above which the amber LED lights
 * @param ratingCounter     the counter the rating buttons stand at: a press rates its last served, unrated ticket;
 *                          none means each press is an anonymous rating of the kiosk
 * @param ratingGuard       after a rating from the buttons, presses are ignored this long (one citizen, one rating)
 */
@ConfigurationProperties("agent.gpio")
public record GpioSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "30ms") Duration buttonDebounce,
        @Bindable(defaultValue = "2s") Duration buttonGuard,
        @Bindable(defaultValue = "A") String defaultService,
        @Bindable(defaultValue = "120ms") Duration beep,
        @Bindable(defaultValue = "false") boolean paperOutLow,
        @Bindable(defaultValue = "500") int backlogAmber,
        @Nullable String ratingCounter,
        @Bindable(defaultValue = "20s") Duration ratingGuard) {

    public GpioSettings {
        List<String> errors = new ArrayList<>();
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
        ratingCounter = ratingCounter == null || ratingCounter.isBlank() ? null : ratingCounter;
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

    /** Microseconds, as Pi4J takes the debounce. */
    long debounceMicros() {
        return buttonDebounce.toNanos() / 1000;
    }
}
