package vn.motcua.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.SyncSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.printer.PaperSensor;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.printer.PrinterStatus;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.queue.Issued;
import vn.motcua.agent.queue.TicketDesk;
import vn.motcua.agent.stream.KioskEventBus;
import vn.motcua.agent.sync.MqttTransport;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kiosk's physical panel. A press of the ticket button issues and prints a ticket for the default service;
 * a held button, contact bounce the driver let through, or impatient repeated presses within
 * {@code agent.gpio.button-guard} issue nothing more. The LEDs show green ready, amber degraded, red fault.
 */
@io.micronaut.context.annotation.Context
@Requires(property = "agent.gpio.enabled", value = "true")
public class KioskPanel {
    private static final Logger LOG = LoggerFactory.getLogger(KioskPanel.class);

    public enum Light { GREEN, AMBER, RED }

    private final GpioSettings settings;
    private final TicketDesk desk;
    private final TicketPrinter printer;
    private final PrinterMonitor monitor;
    private final PaperSensor paper;
    private final Database db;
    private final Outbox outbox;
    private final MqttTransport transport;
    private final SyncSettings sync;
    private final Clock clock;
    private final DigitalOutput green;
    private final DigitalOutput amber;
    private final DigitalOutput red;
    private final DigitalOutput buzzer;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiosk-panel");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean released = new AtomicBoolean(true);
    private final AtomicBoolean busy = new AtomicBoolean(false);
    private final AtomicReference<Instant> lastAccepted = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Light> light = new AtomicReference<>();
    private final Runnable unsubscribe;

    public KioskPanel(Context pi4j, GpioSettings settings, TicketDesk desk, TicketPrinter printer,
                      PrinterMonitor monitor, PaperSensor paper, Database db, Outbox outbox, MqttTransport transport,
                      SyncSettings sync, Clock clock, KioskEventBus events) {
        this.settings = settings;
        this.desk = desk;
        this.printer = printer;
        this.monitor = monitor;
        this.paper = paper;
        this.db = db;
        this.outbox = outbox;
        this.transport = transport;
        this.sync = sync;
        this.clock = clock;
        this.green = output(pi4j, "led-green", settings.greenPin());
        this.amber = output(pi4j, "led-amber", settings.amberPin());
        this.red = output(pi4j, "led-red", settings.redPin());
        this.buzzer = output(pi4j, "buzzer", settings.buzzerPin());
        DigitalInput button = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("ticket-button").name("Ticket button")
                .address(settings.buttonPin()).pull(PullResistance.PULL_UP)
                .debounce(settings.buttonDebounce().toNanos() / 1000, TimeUnit.MICROSECONDS));
        button.addListener(e -> onButton(e.state()));
        if (settings.paperSensorPin() >= 0) {
            DigitalInput sensor = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("paper-sensor")
                    .name("Paper sensor").address(settings.paperSensorPin()).pull(PullResistance.PULL_DOWN));
            sensor.addListener(e -> onPaper(e.state()));
            onPaper(sensor.state());
        }
        unsubscribe = events.subscribe((type, body) -> {
            if (KioskEventBus.PRINTER.equals(type)) {
                worker.execute(this::updateLights);
            }
        });
        worker.execute(this::updateLights);
        LOG.info("GPIO panel ready: button BCM {}, LEDs {}/{}/{}, buzzer {}, paper sensor {}", settings.buttonPin(),
                settings.greenPin(), settings.amberPin(), settings.redPin(), settings.buzzerPin(),
                settings.paperSensorPin());
    }

    private static DigitalOutput output(Context pi4j, String id, int pin) {
        if (pin < 0) {
            return null;
        }
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
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
        worker.execute(this::issueFromButton);
    }

    private void issueFromButton() {
        try {
            Issued issued = desk.issue(settings.defaultService(), null, null);
            boolean printed = Boolean.TRUE.equals(issued.ticket().printed());
            LOG.info("button: ticket {} issued, printed={} problem={}", issued.ticket().display(), printed,
                    issued.ticket().printProblem());
            if (printed) {
                beep(1);
            } else {
                beep(3);
            }
        } catch (RuntimeException e) {
            LOG.error("button: could not issue a ticket", e);
            beep(3);
        } finally {
            busy.set(false);
            updateLights();
        }
    }

    private void onPaper(DigitalState state) {
        boolean out = (state == DigitalState.HIGH) != settings.paperOutLow();
        paper.report(out ? PrinterStatus.PAPER_OUT : PrinterStatus.READY);
        worker.execute(printer::refresh);
    }

    /** {@code count} beeps of {@code agent.gpio.beep}, a beep's length apart. */
    private void beep(int count) {
        if (buzzer == null) {
            return;
        }
        long ms = settings.beep().toMillis();
        for (int i = 0; i < count; i++) {
            worker.schedule(buzzer::high, i * 2 * ms, TimeUnit.MILLISECONDS);
            worker.schedule(buzzer::low, i * 2 * ms + ms, TimeUnit.MILLISECONDS);
        }
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void updateLights() {
        PrinterStatus p = monitor.current().status();
        Light next;
        if (p.blocksPrinting()) {
            next = Light.RED;
        } else if (p == PrinterStatus.PAPER_NEAR_END || (sync.enabled() && !transport.isConnected())
                || db.transaction(outbox::backlog) > settings.backlogAmber()) {
            next = Light.AMBER;
        } else {
            next = Light.GREEN;
        }
        Light before = light.getAndSet(next);
        set(green, next == Light.GREEN);
        set(amber, next == Light.AMBER);
        set(red, next == Light.RED);
        if (before != next) {
            LOG.info("status light {} (printer {})", next, p.wireName());
        }
    }

    private static void set(DigitalOutput out, boolean on) {
        if (out != null) {
            out.state(on ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    public Light light() {
        return light.get();
    }

    @PreDestroy
    void close() {
        unsubscribe.run();
        worker.shutdownNow();
    }
}
