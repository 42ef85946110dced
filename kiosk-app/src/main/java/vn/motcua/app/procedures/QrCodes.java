package vn.motcua.app.procedures;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.Map;

/** QR codes drawn as crisp black modules on white, with the standard four-module quiet zone. */
public final class QrCodes {
    private static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** The raw module matrix, UTF-8 so that Vietnamese letters survive a phone's reader. */
    public static BitMatrix matrix(String content) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.CHARACTER_SET, "UTF-8",
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + content.length() + " characters", e);
        }
    }

    /**
     * An image of about {@code targetPx} square, each module a whole number of pixels (at least 3) so that nothing
     * is blurred by scaling.
     */
    public static WritableImage image(String content, int targetPx) {
        BitMatrix m = matrix(content);
        int modules = m.getWidth();
        int scale = Math.max(3, targetPx / modules);
        int size = modules * scale;
        WritableImage img = new WritableImage(size, size);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < modules; y++) {
            for (int x = 0; x < modules; x++) {
                Color c = m.get(x, y) ? Color.BLACK : Color.WHITE;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        w.setColor(x * scale + dx, y * scale + dy, c);
                    }
                }
            }
        }
        return img;
    }

    public static ImageView view(String content, int targetPx, String id) {
        ImageView v = new ImageView(image(content, targetPx));
        v.setSmooth(false);
        v.setId(id);
        v.getStyleClass().add("qr");
        return v;
    }
}
