package vn.motcua.central.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report page as a browser shows it, with the console's style sheet. */
final class PageShot {
    private PageShot() {
    }

    /** Renders a page in headless Chromium to target/screenshots/{name}.png, for a person to look at. */
    static void take(String html, String name) throws Exception {
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Path css = Path.of("src", "main", "resources", "public", "app.css").toAbsolutePath();
        Path page = shots.resolve(name + ".html").toAbsolutePath();
        Files.writeString(page, html.replace("/static/app.css", css.toUri().toString()), StandardCharsets.UTF_8);
        Path png = shots.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1900,700",
                "--screenshot=" + png, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(shots.resolve("chromium-" + name + ".log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page");
    }
}
