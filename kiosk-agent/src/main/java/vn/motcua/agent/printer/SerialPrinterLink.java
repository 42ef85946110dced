package vn.motcua.agent.printer;

import com.fazecast.jSerialComm.SerialPort;

import java.time.Duration;

/**
 * A printer on a serial line through jSerialComm. The port stays open between tickets and is reopened after a
 * failure. A write that cannot finish within the write time-out (a printer that stopped reading, a cable pulled
 * under flow control) fails the job instead of hanging the ticket.
 */
final class SerialPrinterLink implements PrinterLink {
    private static final byte DLE = 0x10;
    private static final byte EOT = 0x04;

    private final String path;
    private final int baudRate;
    private final boolean rtsCts;
    private final int writeTimeoutMs;
    private final int replyTimeoutMs;
    private SerialPort port;

    SerialPrinterLink(String path, int baudRate, boolean rtsCts, Duration writeTimeout, Duration replyTimeout) {
        this.path = path;
        this.baudRate = baudRate;
        this.rtsCts = rtsCts;
        this.writeTimeoutMs = (int) writeTimeout.toMillis();
        this.replyTimeoutMs = (int) replyTimeout.toMillis();
    }

    private SerialPort open() throws PrinterFault {
        if (port != null && port.isOpen()) {
            return port;
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + path + ": no such serial port", e);
        }
        p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(rtsCts ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
                : SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                replyTimeoutMs, writeTimeoutMs);
        if (!p.openPort()) {
            throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + path + ": cannot open the serial port (error "
                    + p.getLastErrorCode() + ") — check the cable and agent.printer.serial-port");
        }
        port = p;
        return p;
    }

    @Override
    public synchronized void send(byte[] job, String name) throws PrinterFault {
        SerialPort p = open();
        int offset = 0;
        while (offset < job.length) {
            int n = p.writeBytes(job, job.length - offset, offset);
            if (n <= 0) {
                closePort();
                throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + path + ": stopped taking bytes after "
                        + offset + " of " + job.length + " (write time-out " + writeTimeoutMs + " ms)");
            }
            offset += n;
        }
        awaitDrained(p, job.length);
    }

    /**
     * Returns once the driver has put the last byte on the wire, so "printed" means sent. (flushIOBuffers would
     * discard what is still queued, not wait for it.)
     */
    private void awaitDrained(SerialPort p, int length) throws PrinterFault {
        long deadline = System.nanoTime() + writeTimeoutMs * 1_000_000L;
        int waiting;
        while ((waiting = p.bytesAwaitingWrite()) > 0) {
            if (System.nanoTime() > deadline) {
                closePort();
                throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + path + ": " + waiting + " of " + length
                        + " bytes still queued after " + writeTimeoutMs + " ms — is it taking data?");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PrinterFault(PrinterStatus.ERROR, "printer " + path + ": interrupted while sending", e);
            }
        }
    }

    /** DLE EOT 2 (offline cause: cover, paper stop, error) and DLE EOT 4 (paper roll sensor). */
    @Override
    public synchronized PrinterStatus query() throws PrinterFault {
        SerialPort p = open();
        int offline = ask(p, 2);
        if ((offline & 0x04) != 0) {
            return PrinterStatus.COVER_OPEN;
        }
        if ((offline & 0x20) != 0) {
            return PrinterStatus.PAPER_OUT;
        }
        if ((offline & 0x40) != 0) {
            return PrinterStatus.ERROR;
        }
        int paper = ask(p, 4);
        if ((paper & 0x60) != 0) {
            return PrinterStatus.PAPER_OUT;
        }
        return (paper & 0x0C) != 0 ? PrinterStatus.PAPER_NEAR_END : PrinterStatus.READY;
    }

    private int ask(SerialPort p, int n) throws PrinterFault {
        byte[] request = {DLE, EOT, (byte) n};
        if (p.writeBytes(request, request.length) != request.length) {
            closePort();
            throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + path + ": cannot send a status request");
        }
        byte[] reply = new byte[1];
        if (p.readBytes(reply, 1) != 1) {
            throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + path + ": no answer to a status request within "
                    + replyTimeoutMs + " ms — is it switched on?");
        }
        return reply[0] & 0xFF;
    }

    private void closePort() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public String describe() {
        return "printer " + path + " at " + baudRate + " baud";
    }

    @Override
    public synchronized void close() {
        closePort();
    }
}
