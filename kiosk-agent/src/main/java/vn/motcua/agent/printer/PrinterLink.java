package vn.motcua.agent.printer;

/** The wire to the printer: a serial line, a USB device file, or the development folder. */
public interface PrinterLink extends AutoCloseable {
    /** Sends one job's bytes, all or fail. */
    void send(byte[] job, String name) throws PrinterFault;

    /** Reads the printer's own state where it can answer; {@link PrinterStatus#UNKNOWN} where it cannot. */
    PrinterStatus query() throws PrinterFault;

    /** Where the bytes go, for messages. */
    String describe();

    @Override
    default void close() {
    }
}
