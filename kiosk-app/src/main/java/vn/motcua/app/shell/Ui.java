package vn.motcua.app.shell;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vn.motcua.app.agent.AgentException;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Small builders the screens share, so every button and label looks and behaves the same. */
public final class Ui {
    private Ui() {
    }

    public static Button button(UiState s, String key, String id, String... styles) {
        Button b = new Button();
        b.textProperty().bind(s.text(key));
        b.setId(id);
        b.getStyleClass().addAll(styles);
        b.setWrapText(true);
        b.setMinHeight(64);
        b.setMinWidth(64);
        return b;
    }

    public static Label label(UiState s, String key, String... styles) {
        Label l = new Label();
        l.textProperty().bind(s.text(key));
        l.getStyleClass().addAll(styles);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    public static Label plain(String text, String... styles) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styles);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** A big tile: a title and a line below it. */
    public static Button tile(UiState s, String titleKey, String subtitleKey, String id, String style) {
        Label title = label(s, titleKey, "tile-title");
        Label sub = label(s, subtitleKey, "tile-subtitle");
        VBox box = new VBox(8, title, sub);
        box.setAlignment(Pos.CENTER_LEFT);
        Button b = new Button();
        b.setGraphic(box);
        b.setId(id);
        b.getStyleClass().addAll("tile", style);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setMaxHeight(Double.MAX_VALUE);
        b.setMinHeight(96);
        title.maxWidthProperty().bind(b.widthProperty().subtract(48));
        sub.maxWidthProperty().bind(b.widthProperty().subtract(48));
        return b;
    }

    public static Region grow() {
        Region r = new Region();
        javafx.scene.layout.HBox.setHgrow(r, Priority.ALWAYS);
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /** Runs {@code then} on the FX thread with either the value or the failure as an {@link AgentException}. */
    public static <T> void onFx(CompletableFuture<T> future, BiConsumer<T, AgentException> then) {
        future.whenComplete((value, failure) -> Platform.runLater(() ->
                then.accept(failure == null ? value : null, failure == null ? null : AgentException.of(failure))));
    }
}
