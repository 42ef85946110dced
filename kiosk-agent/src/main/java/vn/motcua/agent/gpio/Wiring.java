package vn.motcua.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import vn.motcua.device.KioskConfig;
import vn.motcua.device.KioskConfigLoader;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Which BCM pin each peripheral is on, as kiosk.yaml's {@code gpio.*} declares it: the same declaration firmware-config
 * validated and rendered into the Pi's boot config. Without a kiosk.yaml ({@code kiosk.config-file}) the model's
 * defaults apply.
 */
@Singleton
@Requires(property = "agent.gpio.enabled", value = "true")
public class Wiring {
    private final KioskConfig.Gpio pins;
    private final Context pi4j;
    private final GpioSettings settings;

    public Wiring(@Value("${kiosk.config-file:}") String kioskYaml, Context pi4j, GpioSettings settings) {
        this.pins = kioskYaml.isBlank() ? KioskConfig.Gpio.defaults()
                : KioskConfigLoader.load(Path.of(kioskYaml)).gpio();
        this.pi4j = pi4j;
        this.settings = settings;
    }

    public KioskConfig.Gpio pins() {
        return pins;
    }

    /** An output that starts low and is left low when the agent stops. */
    DigitalOutput output(String id, int pin) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
    }

    /** A push button to ground: pulled up, so pressed reads low; debounced by the driver. */
    DigitalInput button(String id, int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin).pull(PullResistance.PULL_UP)
                .debounce(settings.debounceMicros(), TimeUnit.MICROSECONDS));
    }

    /**
     * A sensor line, pulled up as the boot config ({@code gpio=…=ip,pu}) already holds it from power-on: an
     * open-collector sensor needs the pull-up, and a cut wire then reads as the sensor's active state, which shows,
     * rather than as a silent "all fine".
     */
    DigitalInput sensor(String id, int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin).pull(PullResistance.PULL_UP));
    }
}
