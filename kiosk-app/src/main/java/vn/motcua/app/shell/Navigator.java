package vn.motcua.app.shell;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.layout.StackPane;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Shows one screen at a time in the shell's content area. Views are built once and reused. */
public final class Navigator {
    private final Map<ScreenId, Screen> screens = new EnumMap<>(ScreenId.class);
    private final StackPane host = new StackPane();
    private final ReadOnlyObjectWrapper<ScreenId> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper redraws = new ReadOnlyIntegerWrapper();
    private final List<Runnable> sessionEnds = new ArrayList<>();

    public Navigator() {
        host.getStyleClass().add("screen-host");
    }

    public void register(Screen screen) {
        screens.put(screen.id(), screen);
    }

    public StackPane host() {
        return host;
    }

    public ReadOnlyObjectProperty<ScreenId> current() {
        return current.getReadOnlyProperty();
    }

    public Screen screen(ScreenId id) {
        Screen s = screens.get(id);
        if (s == null) {
            throw new IllegalStateException("no screen registered for " + id);
        }
        return s;
    }

    public void go(ScreenId id) {
        Screen s = screen(id);
        host.getChildren().setAll(s.view());
        current.set(id);
        s.onShow();
    }

    /** Back to home with every half-done flow forgotten: the citizen's session ends. */
    public void home() {
        sessionEnds.forEach(Runnable::run);
        screens.values().forEach(Screen::reset);
        go(ScreenId.HOME);
    }

    /** Runs {@code r} each time a session ends ({@link #home()}), before home is shown. */
    public void onSessionEnd(Runnable r) {
        sessionEnds.add(r);
    }

    /** A screen shows another step of its own (e.g. the ticket once issued): what it says has changed. */
    public void redrawn() {
        redraws.set(redraws.get() + 1);
    }

    /** Counts {@link #redrawn()}; listen to it to follow a screen's steps. */
    public ReadOnlyIntegerProperty redraws() {
        return redraws.getReadOnlyProperty();
    }
}
