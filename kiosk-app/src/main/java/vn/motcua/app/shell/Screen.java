package vn.motcua.app.shell;

import javafx.scene.Parent;

/** One screen of the kiosk: its view, built once, and what it does when shown and when the kiosk resets. */
public interface Screen {
    ScreenId id();

    Parent view();

    /** Called each time the screen is shown. */
    default void onShow() {
    }

    /** Forget anything half-entered; called on idle time-out and when a flow is left. */
    default void reset() {
    }
}
