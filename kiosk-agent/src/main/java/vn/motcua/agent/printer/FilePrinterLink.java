package vn.motcua.agent.printer;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The development printer: each job's bytes go to {@code <name>.bin} and the picture they print to {@code <name>.png}.
 * A file named {@code PAPER_OUT} in the folder is its paper sensor saying "out", so a test can empty the printer of a
 * running agent with one {@code touch}.
 */
final class FilePrinterLink implements PrinterLink {
    static final String PAPER_OUT = "PAPER_OUT";

    private final Path folder;
    private final int dotsWide;

    FilePrinterLink(Path folder, int dotsWide) {
        this.folder = folder.toAbsolutePath().normalize();
        this.dotsWide = dotsWide;
        try {
            Files.createDirectories(this.folder);
        } catch (IOException e) {
            throw new IllegalStateException("agent.printer.folder '" + folder + "' cannot be created: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(byte[] job, String name) throws PrinterFault {
        if (Files.exists(folder.resolve(PAPER_OUT))) {
            throw new PrinterFault(PrinterStatus.PAPER_OUT, "file printer " + folder + ": out of paper (" + PAPER_OUT
                    + " present)");
        }
        try {
            Path bin = folder.resolve(name + ".bin");
            Path tmp = folder.resolve(name + ".bin.tmp");
            Files.write(tmp, job);
            Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ImageIO.write(RasterPreview.decode(job, dotsWide), "png", folder.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new PrinterFault(PrinterStatus.ERROR, "file printer " + folder + ": cannot write " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public PrinterStatus query() {
        return Files.exists(folder.resolve(PAPER_OUT)) ? PrinterStatus.PAPER_OUT : PrinterStatus.READY;
    }

    @Override
    public String describe() {
        return "file printer " + folder;
    }
}
