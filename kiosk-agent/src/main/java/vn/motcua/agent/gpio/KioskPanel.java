package vn.motcua.agent.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.SyncSettings;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.device.KioskConfig;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The status LEDs ({@code gpio.ledGreen}, {@code ledAmber}, {@code ledRed}): green ready, amber degraded (offline from
 * central, outbox backlog above {@code agent.gpio.backlog-amber}, paper nearly out), red when the printer cannot
 * print. They follow {@link KioskHealth}: each report there sets them at once, nothing is polled.
 */
@Context
@Requires(property = "agent.gpio.enabled", value = "true")
public class KioskPanel {
    private static final Logger LOG = LoggerFactory.getLogger(KioskPanel.class);

    public enum Light { GREEN, AMBER, RED }

    private final GpioSettings settings;
    private final boolean syncEnabled;
    private final DigitalOutput green;
    private final DigitalOutput amber;
    private final DigitalOutput red;
    private final AtomicReference<Light> light = new AtomicReference<>();
    private final Runnable stopListening;

    public KioskPanel(Wiring wiring, GpioSettings settings, SyncSettings sync, KioskHealth health) {
        this.settings = settings;
        this.syncEnabled = sync.enabled();
        KioskConfig.Gpio pins = wiring.pins();
        this.green = wiring.output("led-green", pins.ledGreen());
        this.amber = wiring.output("led-amber", pins.ledAmber());
        this.red = wiring.output("led-red", pins.ledRed());
        stopListening = health.listen(this::show);
        show(health.current());
        LOG.info("status LEDs on BCM {}/{}/{}", pins.ledGreen(), pins.ledAmber(), pins.ledRed());
    }

    private synchronized void show(KioskHealth.Snapshot health) {
        Light next;
        if (health.printer() == KioskHealth.PrinterCondition.FAULT) {
            next = Light.RED;
        } else if (health.printer() == KioskHealth.PrinterCondition.DEGRADED || (syncEnabled && !health.centralLink())
                || health.outboxBacklog() > settings.backlogAmber()) {
            next = Light.AMBER;
        } else {
            next = Light.GREEN;
        }
        Light before = light.getAndSet(next);
        green.state(next == Light.GREEN ? DigitalState.HIGH : DigitalState.LOW);
        amber.state(next == Light.AMBER ? DigitalState.HIGH : DigitalState.LOW);
        red.state(next == Light.RED ? DigitalState.HIGH : DigitalState.LOW);
        if (before != next) {
            LOG.info("status light {} (printer {})", next, health.printerState());
        }
    }

    public Light light() {
        return light.get();
    }

    @PreDestroy
    void close() {
        stopListening.run();
    }
}
