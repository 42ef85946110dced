package vn.motcua.agent.printer;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst;
import com.github.anastaciocintra.escpos.image.BitonalThreshold;
import com.github.anastaciocintra.escpos.image.CoffeeImageImpl;
import com.github.anastaciocintra.escpos.image.EscPosImage;
import com.github.anastaciocintra.escpos.image.RasterBitImageWrapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Turns rendered blocks into one ESC/POS job: centred raster images (GS v 0), dot feeds between them, a cut. */
@Singleton
public class EscPosEncoder {
    /** ESC J n feeds at most 255 dots. */
    private static final int MAX_FEED = 255;
    /** White space before the cut so the QR clears the cutter. */
    private static final int TAIL_DOTS = 96;

    public byte[] encode(List<TicketRenderer.Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (EscPos escpos = new EscPos(out)) {
            escpos.initializePrinter();
            for (TicketRenderer.Block b : blocks) {
                RasterBitImageWrapper raster = new RasterBitImageWrapper()
                        .setJustification(EscPosConst.Justification.Center)
                        .setRasterBitImageMode(b.scale() == 2 ? RasterBitImageWrapper.RasterBitImageMode.Quadruple
                                : RasterBitImageWrapper.RasterBitImageMode.Normal_Default);
                escpos.write(raster, new EscPosImage(new CoffeeImageImpl(b.image()), new BitonalThreshold(127)));
                feedDots(escpos, b.feedAfter());
            }
            feedDots(escpos, TAIL_DOTS);
            escpos.cut(EscPos.CutMode.PART);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a ticket in memory", e);
        }
        return out.toByteArray();
    }

    private static void feedDots(EscPos escpos, int dots) throws IOException {
        while (dots > 0) {
            int n = Math.min(dots, MAX_FEED);
            escpos.write(new byte[]{0x1B, 'J', (byte) n}, 0, 3);
            dots -= n;
        }
    }
}
