package vn.motcua.agent.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The active buzzer ({@code gpio.buzzer}): one beep for a printed ticket, three for a fault. */
@Singleton
@Requires(property = "agent.gpio.enabled", value = "true")
public class Buzzer {
    private final DigitalOutput out;
    private final long beepMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "buzzer");
        t.setDaemon(true);
        return t;
    });

    public Buzzer(Wiring wiring, GpioSettings settings) {
        this.out = wiring.output("buzzer", wiring.pins().buzzer());
        this.beepMs = settings.beep().toMillis();
    }

    /** {@code count} beeps of {@code agent.gpio.beep}, a beep's length apart. */
    public void beep(int count) {
        for (int i = 0; i < count; i++) {
            timer.schedule(out::high, i * 2 * beepMs, TimeUnit.MILLISECONDS);
            timer.schedule(out::low, i * 2 * beepMs + beepMs, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
