package vn.motcua.app.support;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import vn.motcua.app.AppConfig;
import vn.motcua.app.Kiosk;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicInteger restarts = new AtomicInteger();
        Kiosk kiosk = call(() -> {
            Kiosk k = new Kiosk(config, () -> { }, restarts::incrementAndGet);
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

    public static <T> T call(Callable<T> onFx) {
        try {
            return WaitForAsyncUtils.asyncFx(onFx).get(30, java.util.concurrent.TimeUnit.SECONDS);
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
