package vn.motcua.app.support;

import com.google.zxing.ReaderException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import vn.motcua.app.AppConfig;
import vn.motcua.app.Kiosk;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.guide.AgentSpeaker;
import vn.motcua.app.guide.Speaker;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Puts a kiosk, built exactly as the application builds it, into the test toolkit's primary stage. */
public final class KioskHarness implements AutoCloseable {
    private final Stage stage;
    private final Kiosk kiosk;
    private final FxRobot robot = new FxRobot();
    private final AtomicInteger restarts;

    private KioskHarness(Stage stage, Kiosk kiosk, AtomicInteger restarts) {
        this.stage = stage;
        this.kiosk = kiosk;
        this.restarts = restarts;
    }

    public static AppConfig testConfig(URI agent) {
        AppConfig d = AppConfig.defaults(agent);
        return new AppConfig(agent, Duration.ofMinutes(10), "2580", Duration.ofSeconds(5), Duration.ofMillis(500),
                d.minutesPerTicket(), "1024x600");
    }

    public static KioskHarness open(AppConfig config, double width, double height) throws TimeoutException {
        return open(config, width, height, AgentSpeaker::new);
    }

    /** @param speaker what says the audio guide (the application's own speaker unless a test records) */
    public static KioskHarness open(AppConfig config, double width, double height,
                                    Function<AgentClient, Speaker> speaker) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicInteger restarts = new AtomicInteger();
        Kiosk kiosk = call(() -> {
            Kiosk k = new Kiosk(config, () -> { }, restarts::incrementAndGet, speaker);
            Scene scene = new Scene(k.root(), width, height);
            scene.getStylesheets().add(Kiosk.class.getResource(Kiosk.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            stage.toFront();
            return k.start();
        });
        return new KioskHarness(stage, kiosk, restarts);
    }

    /** How many times the kiosk asked to be restarted (the application would end its process there). */
    public int restarts() {
        return restarts.get();
    }

    /** A picture of the whole scene as it is drawn now. */
    public BufferedImage snapshot() {
        WaitForAsyncUtils.waitForFxEvents();
        return SwingFXUtils.fromFXImage(call(() -> stage().getScene().snapshot(null)), null);
    }

    /**
     * The scene once the QR code on it reads (ZXing), with what it reads. A screen the agent's stream has just told to
     * redraw (a printer that ran out of paper, say) can be caught between two layouts; like a phone's camera, this
     * looks again for a few seconds, and the test still fails if the code never reads or reads anything else.
     */
    public Qr settledQr() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            BufferedImage scene = snapshot();
            try {
                return new Qr(scene, QrDecode.zxing(scene));
            } catch (ReaderException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no readable QR code on the screen within 10 s", e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A scene and the text of the QR code on it. */
    public record Qr(BufferedImage scene, String text) {
    }

    public static <T> T call(Callable<T> onFx) {
        try {
            return WaitForAsyncUtils.asyncFx(onFx).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(Runnable onFx) {
        call(() -> {
            onFx.run();
            return null;
        });
    }

    public Kiosk kiosk() {
        return kiosk;
    }

    public Stage stage() {
        return stage;
    }

    public FxRobot robot() {
        return robot;
    }

    /** Waits until a node with this selector is showing (visible up to the scene root), then taps it. */
    public void tap(String query) {
        waitShowing(query);
        robot.clickOn(query);
        WaitForAsyncUtils.waitForFxEvents();
    }

    public void waitShowing(String query) {
        Awaitility.await("'" + query + "' showing").atMost(Duration.ofSeconds(30))
                .until(() -> call(() -> find(query).filter(KioskHarness::showing).isPresent()));
    }

    public void waitGone(String query) {
        Awaitility.await("'" + query + "' gone").atMost(Duration.ofSeconds(30))
                .until(() -> call(() -> find(query).filter(KioskHarness::showing).isEmpty()));
    }

    public Optional<Node> find(String query) {
        return Optional.ofNullable(stage.getScene().getRoot().lookup(query));
    }

    public String text(String query) {
        waitShowing(query);
        return call(() -> {
            Node n = find(query).orElseThrow();
            if (n instanceof javafx.scene.control.Labeled l) {
                return l.getText();
            }
            if (n instanceof javafx.scene.control.TextInputControl t) {
                return t.getText();
            }
            throw new IllegalArgumentException(query + " has no text");
        });
    }

    public static boolean showing(Node n) {
        for (Node c = n; c != null; c = c.getParent()) {
            if (!c.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    @Override
    public void close() {
        run(kiosk::close);
    }
}
