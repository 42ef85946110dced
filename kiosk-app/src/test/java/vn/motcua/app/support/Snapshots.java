package vn.motcua.app.support;

import javafx.embed.swing.SwingFXUtils;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A PNG of what the kiosk shows now, in {@code target/screenshots/} for people to look at. */
public final class Snapshots {
    private Snapshots() {
    }

    public static Path take(KioskHarness kiosk, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        Path png = dir.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(KioskHarness.call(() -> kiosk.stage().getScene().snapshot(null)),
                null), "png", png.toFile());
        return png;
    }
}
