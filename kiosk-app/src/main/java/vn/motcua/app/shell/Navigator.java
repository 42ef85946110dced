package vn.motcua.app.shell;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.layout.StackPane;

import java.util.EnumMap;
import java.util.Map;

/** Shows one screen at a time in the shell's content area. Views are built once and reused. */
public final class Navigator {
    private final Map<ScreenId, Screen> screens = new EnumMap<>(ScreenId.class);
    private final StackPane host = new StackPane();
    private final ReadOnlyObjectWrapper<ScreenId> current = new ReadOnlyObjectWrapper<>();

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

    /** Back to home with every half-done flow forgotten. */
    public void home() {
        screens.values().forEach(Screen::reset);
        go(ScreenId.HOME);
    }
}
