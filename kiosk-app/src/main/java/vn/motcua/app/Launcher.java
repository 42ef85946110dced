package vn.motcua.app;

import javafx.application.Application;

/**
 * Entry point of the citizen's touchscreen. A plain class, not the {@code Application} subclass, so the JavaFX
 * runtime can be loaded from the class path. Settings come from the environment: see {@link AppConfig}.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(KioskApplication.class, args);
    }
}
