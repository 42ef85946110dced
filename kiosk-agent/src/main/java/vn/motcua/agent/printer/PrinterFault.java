package vn.motcua.agent.printer;

/** The printer refused or failed a job; {@code status} is what the screen and telemetry are told. */
public class PrinterFault extends Exception {
    private final PrinterStatus status;

    public PrinterFault(PrinterStatus status, String message) {
        super(message);
        this.status = status;
    }

    public PrinterFault(PrinterStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public PrinterStatus status() {
        return status;
    }
}
