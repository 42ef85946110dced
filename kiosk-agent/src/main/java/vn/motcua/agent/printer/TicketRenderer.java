package vn.motcua.agent.printer;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.inject.Singleton;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a ticket as black-and-white bitmaps with Java2D, because thermal printers' Vietnamese code pages drop tone
 * marks. The ticket is a column of blocks, each cropped to its ink so that white space costs a feed command rather
 * than raster bytes: at 115200 baud every kilobyte is about 90 ms of printing.
 */
@Singleton
public class TicketRenderer {
    /** Light threshold: keeps the thin Vietnamese marks that a mid-grey cut would lose. */
    static final int INK_BELOW = 170;
    static final int MIN_TEXT_PX = 17;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm  dd/MM/yyyy");

    private final Font regular;
    private final Font bold;

    public TicketRenderer(PrinterSettings settings) {
        this.regular = load(settings.font(), "agent.printer.font");
        this.bold = load(settings.boldFont(), "agent.printer.bold-font");
    }

    /** A missing font must not stop tickets: the JDK's sans-serif is used instead, with a loud warning. */
    private static Font load(String path, String key) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new File(path));
        } catch (FontFormatException | IOException e) {
            LoggerFactory.getLogger(TicketRenderer.class).error("{} '{}' cannot be read as a TrueType font ({}); "
                    + "printing with the JDK's sans-serif, whose Vietnamese glyphs may be missing — install "
                    + "fonts-dejavu-core or point the key at a font with Vietnamese glyphs", key, path, e.getMessage());
            return new Font(Font.SANS_SERIF, key.contains("bold") ? Font.BOLD : Font.PLAIN, 20);
        }
    }

    /**
     * One bitmap of a ticket. {@code scale} 2 asks the printer to print each dot as 2×2 (the big number: quarter
     * the bytes, still sharp at that size); {@code feedAfter} is white space in dots.
     */
    public record Block(BufferedImage image, int scale, int feedAfter) {
    }

    public List<Block> render(TicketSlip slip, int dotsWide) {
        boolean narrow = dotsWide < 500;
        // 17 px is the smallest size at which the horn of ư/ơ still prints (TicketRendererTest)
        int small = narrow ? MIN_TEXT_PX : 20;
        int caption = narrow ? MIN_TEXT_PX : 18;
        int medium = narrow ? 21 : 26;
        List<Block> blocks = new ArrayList<>();
        blocks.add(text(slip.siteName(), regular.deriveFont((float) small), dotsWide, 1, 10));
        blocks.add(text(slip.serviceName(), bold.deriveFont((float) medium), dotsWide, 1, 4));
        blocks.add(bigNumber(slip.display(), dotsWide / 2, narrow ? 60 : 66));
        if (slip.priorityLabel() != null) {
            blocks.add(text(slip.priorityLabel(), bold.deriveFont((float) small), dotsWide, 1, 6));
        }
        String ahead = "Số người chờ trước bạn: " + slip.peopleAhead();
        String wait = slip.estimatedWaitMinutes() == null ? null
                : "Thời gian chờ dự kiến: " + (slip.estimatedWaitMinutes() < 1 ? "dưới 1 phút"
                : "khoảng " + slip.estimatedWaitMinutes() + " phút");
        blocks.add(text(wait == null ? ahead : ahead + "\n" + wait, regular.deriveFont((float) small), dotsWide, 1, 10));
        blocks.add(new Block(qr(slip.statusUrl(), narrow ? 3 : 4), 1, 4));
        blocks.add(text("Quét mã để xem lượt gọi\n" + WHEN.format(slip.issuedAt()),
                regular.deriveFont((float) caption), dotsWide, 1, 0));
        return blocks;
    }

    /** A test slip for the staff screen: the printer, the font and the paper width at a glance. */
    public List<Block> renderTest(String siteName, String describe, int dotsWide, String when) {
        Font f = regular.deriveFont(dotsWide < 500 ? 17f : 20f);
        List<Block> blocks = new ArrayList<>();
        blocks.add(text("IN THỬ — " + siteName, bold.deriveFont(f.getSize2D() + 2), dotsWide, 1, 8));
        blocks.add(text("Tiếng Việt: ắ ằ ẳ ẵ ặ ơ ư đ Ữ Ỹ\nMáy in: " + describe + "\n" + when, f, dotsWide, 1, 8));
        blocks.add(text("Khổ giấy " + (dotsWide < 500 ? "58" : "80") + " mm", f, dotsWide, 1, 0));
        return blocks;
    }

    /**
     * A procedure's guide slip: its name, the QR code of its online-submission link, fee, time limit and the documents
     * to bring — what the catalogue says, so the citizen can submit at home.
     */
    public List<Block> renderGuide(String siteName, vn.motcua.protocol.message.SiteConfig.Procedure procedure,
                                   int dotsWide, String when) {
        boolean narrow = dotsWide < 500;
        Font f = regular.deriveFont(narrow ? (float) MIN_TEXT_PX : 20f);
        List<Block> blocks = new ArrayList<>();
        blocks.add(text(siteName, f, dotsWide, 1, 8));
        blocks.add(text(procedure.nameVi(), bold.deriveFont(narrow ? 19f : 24f), dotsWide, 1, 8));
        blocks.add(text(procedure.fullyOnline() ? "Nộp hồ sơ trực tuyến toàn trình: quét mã QR"
                : "Nộp hồ sơ trực tuyến: quét mã QR", f, dotsWide, 1, 4));
        // a long portal link makes a dense code: smaller modules on 58 mm paper so it still fits
        int module = Math.max(2, Math.min(narrow ? 3 : 4, (dotsWide - 16) / qrModules(procedure.portalUrl())));
        blocks.add(new Block(qr(procedure.portalUrl(), module), 1, 8));
        StringBuilder facts = new StringBuilder();
        facts.append("Lệ phí: ").append(orAsk(procedure.fee())).append('\n');
        facts.append("Thời hạn giải quyết: ").append(orAsk(procedure.timeLimit()));
        if (!procedure.documents().isEmpty()) {
            facts.append("\nGiấy tờ cần mang theo:");
            for (String d : procedure.documents()) {
                facts.append("\n- ").append(d);
            }
        }
        blocks.add(text(facts.toString(), f, dotsWide, 1, 8));
        blocks.add(text(when, regular.deriveFont(narrow ? (float) MIN_TEXT_PX : 18f), dotsWide, 1, 0));
        return blocks;
    }

    private static String orAsk(String value) {
        return value == null || value.isBlank() ? "hỏi cán bộ tại quầy" : value;
    }

    private static int qrModules(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 0)).getWidth();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
        }
    }

    private Block bigNumber(String display, int halfWidth, int size) {
        Font font = bold.deriveFont((float) size);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = probe.createGraphics();
        while (g.getFontMetrics(font).stringWidth(display) > halfWidth - 4 && font.getSize() > 12) {
            font = font.deriveFont(font.getSize2D() - 2);
        }
        g.dispose();
        return text(display, font, halfWidth, 2, 8);
    }

    private Block text(String content, Font font, int width, int scale, int feedAfter) {
        return new Block(cropToInk(draw(content, font, width)), scale, feedAfter);
    }

    private BufferedImage draw(String content, Font font, int width) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        List<String> lines = new ArrayList<>();
        for (String paragraph : content.split("\n")) {
            lines.addAll(wrap(paragraph, fm, width - 4));
        }
        pg.dispose();
        int lineHeight = fm.getAscent() + fm.getDescent();
        // Drawn in grey with anti-aliasing, then thresholded light: drawn straight to one bit, the hinting drops thin
        // strokes such as the horn of Ư and Ơ at ticket sizes, and "Ưu tiên" prints as "Uu tiên".
        BufferedImage img = new BufferedImage(width, lineHeight * lines.size() + 2, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setFont(font);
        int y = fm.getAscent();
        for (String line : lines) {
            g.drawString(line, (width - fm.stringWidth(line)) / 2, y);
            y += lineHeight;
        }
        g.dispose();
        return toOneBit(img);
    }

    /** Grey below {@link #INK_BELOW} becomes a printed dot. */
    static BufferedImage toOneBit(BufferedImage grey) {
        BufferedImage bw = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                bw.setRGB(x, y, (grey.getRGB(x, y) & 0xFF) < INK_BELOW ? 0x000000 : 0xFFFFFF);
            }
        }
        return bw;
    }

    /** A single line as it would print, not cropped, for tests of glyph legibility. */
    BufferedImage line(String text, boolean boldFace, int size, int width) {
        return draw(text, (boldFace ? bold : regular).deriveFont((float) size), width);

    }

    private static List<String> wrap(String paragraph, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The smallest rectangle holding every black dot, so no white columns or rows are sent. */
    static BufferedImage cropToInk(BufferedImage img) {
        int minX = img.getWidth();
        int minY = img.getHeight();
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return img.getSubimage(0, 0, 8, 1);
        }
        return img.getSubimage(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    static BufferedImage qr(String text, int moduleDots) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
        }
        int n = m.getWidth();
        BufferedImage img = new BufferedImage(n * moduleDots, n * moduleDots, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (m.get(x, y)) {
                    g.fillRect(x * moduleDots, y * moduleDots, moduleDots, moduleDots);
                }
            }
        }
        g.dispose();
        return img;
    }
}
