package vn.motcua.app.procedures;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.app.support.QrDecode;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrCodesTest {
    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test class started it
        }
    }

    @Test
    void givenLinkWithVietnameseLetters_whenDrawn_thenBothDecodersReadItExactly() throws Exception {
        String link = "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=Xác minh văn bằng, chứng chỉ — Đắk Lắk";
        WritableImage img = QrCodes.image(link, 300);
        BufferedImage buffered = SwingFXUtils.fromFXImage(img, null);
        assertEquals(link, QrDecode.zxing(buffered));
        assertEquals(link, QrDecode.zbarimg(buffered, Path.of("target", "qr", "vietnamese-link.png")));
    }

    @Test
    void modulesAreWholePixelsWithQuietZone() {
        var m = QrCodes.matrix("https://dichvucong.gov.vn");
        WritableImage img = QrCodes.image("https://dichvucong.gov.vn", 250);
        assertEquals(0, (int) img.getWidth() % m.getWidth());
        assertTrue(img.getWidth() >= 3 * m.getWidth());
        assertEquals(javafx.scene.paint.Color.WHITE, img.getPixelReader().getColor(1, 1));
    }
}
