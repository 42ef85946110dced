package vn.motcua.app.procedures;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;

/**
 * Letters without diacritics (the search ignores them), space, backspace and clear; it types into one text field.
 * Keys are at least 64 px.
 */
public final class OnScreenKeyboard extends VBox {
    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

    public OnScreenKeyboard(UiState state, TextInputControl target) {
        super(6);
        getStyleClass().add("keyboard");
        setId("keyboard");
        for (String row : ROWS) {
            HBox line = new HBox(6);
            line.setAlignment(Pos.CENTER);
            for (char ch : row.toCharArray()) {
                String s = String.valueOf(ch);
                Button k = key(s.toUpperCase(), "key-" + s);
                k.setOnAction(e -> target.appendText(s));
                line.getChildren().add(k);
            }
            if (row.startsWith("z")) {
                Button back = key("⌫", "key-backspace");
                back.getStyleClass().add("key-wide");
                back.setOnAction(e -> {
                    String t = target.getText();
                    if (!t.isEmpty()) {
                        target.setText(t.substring(0, t.length() - 1));
                        target.positionCaret(target.getText().length());
                    }
                });
                line.getChildren().add(back);
            }
            getChildren().add(line);
        }
        Button space = Ui.button(state, "keyboard.space", "key-space", "key", "key-space");
        space.setOnAction(e -> target.appendText(" "));
        space.setPrefWidth(420);
        Button clear = Ui.button(state, "keyboard.clear", "key-clear", "key", "key-wide");
        clear.setOnAction(e -> target.clear());
        HBox last = new HBox(6, space, clear);
        last.setAlignment(Pos.CENTER);
        HBox.setHgrow(space, Priority.NEVER);
        getChildren().add(last);
    }

    private static Button key(String label, String id) {
        Button k = new Button(label);
        k.setId(id);
        k.getStyleClass().add("key");
        k.setMinSize(64, 64);
        k.setPrefSize(72, 64);
        k.setFocusTraversable(false);
        return k;
    }
}
