package vn.motcua.agent.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.printer.PaperSensor;
import vn.motcua.agent.printer.PrinterStatus;
import vn.motcua.agent.printer.TicketPrinter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The printer's paper-out line ({@code gpio.paperSensor}), when the kiosk has one: each change is handed to the
 * printer, which reports it on.
 */
@Context
@Requires(property = "agent.gpio.enabled", value = "true")
public class PaperSensorPin {
    private static final Logger LOG = LoggerFactory.getLogger(PaperSensorPin.class);

    private final GpioSettings settings;
    private final PaperSensor paper;
    private final TicketPrinter printer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "paper-sensor");
        t.setDaemon(true);
        return t;
    });

    public PaperSensorPin(Wiring wiring, GpioSettings settings, PaperSensor paper, TicketPrinter printer) {
        this.settings = settings;
        this.paper = paper;
        this.printer = printer;
        Integer pin = wiring.pins().paperSensor();
        if (pin == null) {
            return;
        }
        DigitalInput sensor = wiring.sensor("paper-sensor", pin);
        sensor.addListener(e -> onPaper(e.state()));
        onPaper(sensor.state());
        LOG.info("paper sensor on BCM {}", pin);
    }

    private void onPaper(DigitalState state) {
        boolean out = (state == DigitalState.HIGH) != settings.paperOutLow();
        paper.report(out ? PrinterStatus.PAPER_OUT : PrinterStatus.READY);
        worker.execute(printer::refresh);
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
