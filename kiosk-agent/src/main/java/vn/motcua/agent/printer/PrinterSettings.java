package vn.motcua.agent.printer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ticket printer. Keys under {@code agent.printer}; every one has a default.
 *
 * @param kind          {@code file} (development: bytes and a PNG preview per ticket in {@code folder}),
 *                      {@code serial} (jSerialComm on {@code serialPort}), {@code device} (a USB printer device file),
 *                      or {@code none} (every ticket is shown as a QR on screen)
 * @param folder        the file printer's folder; a file named {@code PAPER_OUT} in it reads as "out of paper"
 * @param serialPort    e.g. {@code /dev/serial0}, {@code /dev/ttyUSB0}
 * @param baudRate      serial speed in bit/s
 * @param device        the USB printer device file
 * @param paperWidthMm  58 or 80
 * @param statusQuery   ask the printer for its paper/cover/error state (ESC/POS DLE EOT) before each ticket and
 *                      every {@code pollInterval}; for printers on a two-way line only
 * @param rtsCts        hardware flow control on the serial line (a printer that buffers little); XON/XOFF is not
 *                      offered because raster bytes contain 0x11 and 0x13
 * @param writeTimeout  longest one ticket's bytes may take to leave
 * @param replyTimeout  longest the printer may take to answer a status query before it counts as offline
 * @param retries       further attempts after a failed write
 * @param pollInterval  how often the paper sensor / printer status is read while idle
 * @param font          a TrueType font with Vietnamese glyphs
 * @param boldFont      its bold face
 */
@ConfigurationProperties("agent.printer")
public record PrinterSettings(
        @Bindable(defaultValue = "file") String kind,
        @Bindable(defaultValue = "./data/printed") String folder,
        @Bindable(defaultValue = "/dev/serial0") String serialPort,
        @Bindable(defaultValue = "115200") int baudRate,
        @Bindable(defaultValue = "/dev/usb/lp0") String device,
        @Bindable(defaultValue = "80") int paperWidthMm,
        @Bindable(defaultValue = "false") boolean statusQuery,
        @Bindable(defaultValue = "false") boolean rtsCts,
        @Bindable(defaultValue = "5s") Duration writeTimeout,
        @Bindable(defaultValue = "1s") Duration replyTimeout,
        @Bindable(defaultValue = "1") int retries,
        @Bindable(defaultValue = "2s") Duration pollInterval,
        @Bindable(defaultValue = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") String font,
        @Bindable(defaultValue = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") String boldFont) {

    static final Set<String> KINDS = Set.of("file", "serial", "device", "none");

    public PrinterSettings {
        List<String> errors = new ArrayList<>();
        if (!KINDS.contains(kind)) {
            errors.add("agent.printer.kind '" + kind + "' must be one of file, serial, device, none");
        }
        if (paperWidthMm != 58 && paperWidthMm != 80) {
            errors.add("agent.printer.paper-width-mm " + paperWidthMm + " must be 58 or 80");
        }
        if (baudRate < 1200 || baudRate > 921_600) {
            errors.add("agent.printer.baud-rate " + baudRate + " must be 1200-921600");
        }
        if (retries < 0 || retries > 5) {
            errors.add("agent.printer.retries " + retries + " must be 0-5");
        }
        positive(errors, "write-timeout", writeTimeout);
        positive(errors, "reply-timeout", replyTimeout);
        positive(errors, "poll-interval", pollInterval);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }

    private static void positive(List<String> errors, String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            errors.add("agent.printer." + key + " must be a positive duration, e.g. 2s");
        }
    }

    /** Printable dots across the paper at 203 dpi. */
    public int dotsWide() {
        return paperWidthMm == 58 ? 384 : 576;
    }
}
