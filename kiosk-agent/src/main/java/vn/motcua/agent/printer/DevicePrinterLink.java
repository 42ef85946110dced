package vn.motcua.agent.printer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A USB printer through the kernel's printer class device ({@code /dev/usb/lp0}): write-only, no status. */
final class DevicePrinterLink implements PrinterLink {
    private final Path device;

    DevicePrinterLink(Path device) {
        this.device = device;
    }

    @Override
    public void send(byte[] job, String name) throws PrinterFault {
        if (!Files.exists(device)) {
            throw new PrinterFault(PrinterStatus.OFFLINE, "printer " + device + ": not present — is it plugged in?");
        }
        try (OutputStream out = Files.newOutputStream(device, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(job);
        } catch (IOException e) {
            throw new PrinterFault(PrinterStatus.ERROR, "printer " + device + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PrinterStatus query() {
        return Files.exists(device) ? PrinterStatus.UNKNOWN : PrinterStatus.OFFLINE;
    }

    @Override
    public String describe() {
        return "printer " + device;
    }
}
