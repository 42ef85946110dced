package vn.motcua.agent.printer;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketRendererTest {
    private final PrinterSettings settings = SerialPrinterTest.settings("file", "/dev/null", 80, false);
    private final TicketRenderer renderer = new TicketRenderer(settings);

    private static int ink(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        return n;
    }

    /** Dots inked in {@code a} but not in {@code b}, both drawn at the same place on the same canvas. */
    private static int inkOnlyIn(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                boolean inA = (a.getRGB(x, y) & 0xFFFFFF) == 0;
                boolean inB = (b.getRGB(x, y) & 0xFFFFFF) == 0;
                n += inA && !inB ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void givenLettersWithHorn_whenRenderedAtTicketSizes_thenTheHornIsPrinted() {
        for (int size : new int[]{TicketRenderer.MIN_TEXT_PX, 18, 20, 26}) {
            for (boolean bold : new boolean[]{false, true}) {
                for (String[] pair : new String[][]{{"Ư", "U"}, {"Ơ", "O"}, {"ư", "u"}, {"ơ", "o"}}) {
                    BufferedImage withHorn = renderer.line(pair[0], bold, size, 200);
                    BufferedImage plain = renderer.line(pair[1], bold, size, 200);
                    int hornDots = inkOnlyIn(withHorn, plain);
                    assertTrue(hornDots >= 3, pair[0] + " at " + size + " px bold=" + bold + ": only " + hornDots
                            + " dots more than " + pair[1]);
                }
            }
        }
    }

    @Test
    void givenBlocksEncoded_whenDecoded_thenEveryDotIsWhereTheRendererPutIt() {
        EscPosEncoder encoder = new EscPosEncoder();
        List<TicketRenderer.Block> blocks = renderer.render(SerialPrinterTest.slip(), settings.dotsWide());
        BufferedImage page = RasterPreview.decode(encoder.encode(blocks), settings.dotsWide());

        int y = 0;
        for (TicketRenderer.Block b : blocks) {
            BufferedImage img = b.image();
            int widthBits = ((img.getWidth() + 7) / 8) * 8 * b.scale();
            int left = (settings.dotsWide() - widthBits) / 2;
            for (int j = 0; j < img.getHeight() * b.scale(); j++) {
                for (int i = 0; i < img.getWidth() * b.scale(); i++) {
                    boolean black = (img.getRGB(i / b.scale(), j / b.scale()) & 0xFFFFFF) == 0;
                    boolean printed = (page.getRGB(left + i, y + j) & 0xFFFFFF) == 0;
                    assertEquals(black, printed, "dot " + i + "," + j + " of a block at row " + y);
                }
            }
            y += img.getHeight() * b.scale() + b.feedAfter();
        }
    }

    @Test
    void givenBothPaperWidths_whenTicketEncoded_thenFitsThePaperAndStaysSmall() throws Exception {
        Files.createDirectories(SerialPrinterTest.OUT);
        for (int mm : new int[]{58, 80}) {
            PrinterSettings s = SerialPrinterTest.settings("file", "/dev/null", mm, false);
            TicketRenderer r = new TicketRenderer(s);
            byte[] job = new EscPosEncoder().encode(r.render(SerialPrinterTest.slip(), s.dotsWide()));
            BufferedImage page = RasterPreview.decode(job, s.dotsWide());
            assertEquals(s.dotsWide(), page.getWidth());
            ImageIO.write(page, "png", SerialPrinterTest.OUT.resolve("ticket-" + mm + "mm.png").toFile());
            assertTrue(job.length < (mm == 80 ? 12_000 : 9_000), mm + " mm: " + job.length + " bytes");
        }
    }
}
