package vn.motcua.agent.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.queue.Issued;
import vn.motcua.agent.queue.TicketDesk;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ticket button ({@code gpio.ticketButton}). A press issues and prints a ticket for the default service; a held
 * button, contact bounce the driver let through, or impatient repeated presses within
 * {@code agent.gpio.button-guard} issue nothing more.
 */
@Context
@Requires(property = "agent.gpio.enabled", value = "true")
public class TicketButton {
    private static final Logger LOG = LoggerFactory.getLogger(TicketButton.class);

    private final GpioSettings settings;
    private final TicketDesk desk;
    private final Buzzer buzzer;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ticket-button");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean released = new AtomicBoolean(true);
    private final AtomicBoolean busy = new AtomicBoolean(false);
    private final AtomicReference<Instant> lastAccepted = new AtomicReference<>(Instant.MIN);

    public TicketButton(Wiring wiring, GpioSettings settings, TicketDesk desk, Buzzer buzzer, Clock clock) {
        this.settings = settings;
        this.desk = desk;
        this.buzzer = buzzer;
        this.clock = clock;
        int pin = wiring.pins().ticketButton();
        wiring.button("ticket-button", pin).addListener(e -> onButton(e.state()));
        LOG.info("ticket button on BCM {} issues service {}", pin, settings.defaultService());
    }

    private void onButton(DigitalState state) {
        boolean pressed = state == DigitalState.LOW;
        if (!pressed) {
            released.set(true);
            return;
        }
        Instant now = clock.instant();
        Instant last = lastAccepted.get();
        // a clock stepped back by the first NTP sync must not block the button
        boolean guardOver = last == Instant.MIN || now.isBefore(last) || !now.isBefore(last.plus(settings.buttonGuard()));
        if (!released.getAndSet(false) || !guardOver || !busy.compareAndSet(false, true)) {
            return;
        }
        lastAccepted.set(now);
        worker.execute(this::issue);
    }

    private void issue() {
        try {
            Issued issued = desk.issue(settings.defaultService(), null, null);
            boolean printed = Boolean.TRUE.equals(issued.ticket().printed());
            LOG.info("button: ticket {} issued, printed={} problem={}", issued.ticket().display(), printed,
                    issued.ticket().printProblem());
            buzzer.beep(printed ? 1 : 3);
        } catch (RuntimeException e) {
            LOG.error("button: could not issue a ticket", e);
            buzzer.beep(3);
        } finally {
            busy.set(false);
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
