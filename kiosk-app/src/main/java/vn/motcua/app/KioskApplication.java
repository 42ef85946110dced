package vn.motcua.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/** The kiosk window: undecorated, full screen, closed only from the staff screen. */
public final class KioskApplication extends Application {
    /** Exit status of a restart central asked for (EX_TEMPFAIL), so a supervisor can tell it from a crash. */
    public static final int RESTART_EXIT_CODE = 75;
    private Kiosk kiosk;
    private boolean exitAllowed;

    @Override
    public void start(Stage stage) {
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        kiosk = new Kiosk(config, () -> {
            exitAllowed = true;
            Platform.exit();
        }, () -> {
            exitAllowed = true;
            kiosk.close();
            // the service manager (systemd Restart=always, or the demo script) starts the screen again
            System.exit(RESTART_EXIT_CODE);
        });
        Scene scene = new Scene(kiosk.root(), config.windowWidth(), config.windowHeight());
        scene.getStylesheets().add(Kiosk.class.getResource(Kiosk.STYLESHEET).toExternalForm());
        stage.initStyle(StageStyle.UNDECORATED);
        stage.setTitle("Kiosk Một cửa");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!exitAllowed) {
                e.consume();
            }
        });
        if (config.fullScreen()) {
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
            // leaving full screen (e.g. a window-manager shortcut) is undone: only the staff PIN closes the kiosk
            stage.fullScreenProperty().addListener((o, was, now) -> {
                if (!now && !exitAllowed) {
                    Platform.runLater(() -> stage.setFullScreen(true));
                }
            });
        }
        stage.show();
        kiosk.start();
        if (Boolean.getBoolean("kiosk.printFirstFrame")) {
            FirstFrame.report(scene);
        }
    }

    @Override
    public void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
    }
}
