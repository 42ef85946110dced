package vn.motcua.agent.printer;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicReference;

/** The latest reading of a paper sensor wired to GPIO; {@link PrinterStatus#UNKNOWN} when there is none. */
@Singleton
public class PaperSensor {
    private final AtomicReference<PrinterStatus> reading = new AtomicReference<>(PrinterStatus.UNKNOWN);

    public void report(PrinterStatus status) {
        reading.set(status);
    }

    public PrinterStatus reading() {
        return reading.get();
    }
}
