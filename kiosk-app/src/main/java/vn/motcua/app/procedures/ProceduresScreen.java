package vn.motcua.app.procedures;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.Screen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;
import vn.motcua.screen.Site;

import java.util.List;

/** The catalogue: pick a field (lĩnh vực) or search with the on-screen keyboard; a tap opens the procedure. */
public final class ProceduresScreen implements Screen {
    private final UiState state;
    private final Navigator nav;
    private final ProcedureScreen detail;
    private final VBox view = new VBox(12);
    private final TextField search = new TextField();
    private final FlowPane fields = new FlowPane(10, 10);
    private final ToggleGroup fieldGroup = new ToggleGroup();
    private final VBox results = new VBox(10);
    private final Label count = new Label();
    private final OnScreenKeyboard keyboard;
    private final ToggleButton keyboardToggle = new ToggleButton();
    private List<Site.Procedure> listed = List.of();

    public ProceduresScreen(UiState state, Navigator nav, ProcedureScreen detail) {
        this.state = state;
        this.nav = nav;
        this.detail = detail;
        this.keyboard = new OnScreenKeyboard(state, search);
        build();
    }

    @Override
    public ScreenId id() {
        return ScreenId.PROCEDURES;
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void onShow() {
        rebuildFields();
        refresh();
    }

    /** The procedures the list shows now, in its order. */
    public List<Site.Procedure> listed() {
        return listed;
    }

    @Override
    public void reset() {
        search.clear();
        keyboardToggle.setSelected(false);
        fieldGroup.selectToggle(null);
    }

    private void build() {
        view.getStyleClass().addAll("screen", "procedures");
        view.setId("proceduresScreen");
        Label title = Ui.label(state, "procedures.title", "screen-title");

        search.setId("searchField");
        search.getStyleClass().add("search-field");
        search.promptTextProperty().bind(state.text("procedures.search.prompt"));
        search.setMinHeight(64);
        HBox.setHgrow(search, Priority.ALWAYS);
        search.textProperty().addListener(o -> refresh());
        keyboardToggle.setId("keyboardToggle");
        keyboardToggle.getStyleClass().add("secondary-button");
        keyboardToggle.textProperty().bind(state.text("procedures.keyboard"));
        keyboardToggle.setMinHeight(64);
        keyboardToggle.setOnAction(e -> {
            if (keyboardToggle.isSelected()) {
                fieldGroup.selectToggle(null);
            }
        });
        HBox searchRow = new HBox(10, search, keyboardToggle);
        searchRow.setAlignment(Pos.CENTER_LEFT);

        fields.getStyleClass().add("field-chips");
        fields.visibleProperty().bind(keyboardToggle.selectedProperty().not().or(state.portrait()));
        fields.managedProperty().bind(fields.visibleProperty());
        fieldGroup.selectedToggleProperty().addListener(o -> refresh());

        count.getStyleClass().add("muted");
        count.setId("resultCount");
        results.setId("procedureList");
        ScrollPane scroll = new ScrollPane(results);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("list-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        keyboard.visibleProperty().bind(keyboardToggle.selectedProperty());
        keyboard.managedProperty().bind(keyboard.visibleProperty());

        state.lang().addListener(o -> {
            rebuildFields();
            refresh();
        });
        state.site().addListener(o -> {
            rebuildFields();
            refresh();
        });
        title.visibleProperty().bind(keyboardToggle.selectedProperty().not().or(state.portrait()));
        title.managedProperty().bind(title.visibleProperty());
        count.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        searchRow.getChildren().add(1, count);
        view.getChildren().addAll(title, searchRow, fields, scroll, keyboard);
    }

    private void rebuildFields() {
        Object selected = fieldGroup.getSelectedToggle() == null ? null : fieldGroup.getSelectedToggle().getUserData();
        fields.getChildren().clear();
        fieldGroup.getToggles().clear();
        Site site = state.site().get();
        if (site == null) {
            return;
        }
        ToggleButton all = chip(state.t("procedures.fields.all"), null, "field-all");
        fields.getChildren().add(all);
        List<String> names = site.fields();
        for (int i = 0; i < names.size(); i++) {
            ToggleButton chip = chip(names.get(i), names.get(i), "field-" + i);
            fields.getChildren().add(chip);
            if (names.get(i).equals(selected)) {
                chip.setSelected(true);
            }
        }
        if (fieldGroup.getSelectedToggle() == null) {
            all.setSelected(true);
        }
    }

    private ToggleButton chip(String text, String field, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setUserData(field);
        b.setId(id);
        b.setToggleGroup(fieldGroup);
        b.getStyleClass().add("chip");
        b.setMinHeight(64);
        b.setWrapText(true);
        // a selected chip stays selected when tapped again: a field is always chosen, "all" included
        b.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (b.isSelected()) {
                e.consume();
            }
        });
        return b;
    }

    private void refresh() {
        Site site = state.site().get();
        results.getChildren().clear();
        listed = List.of();
        if (site == null) {
            nav.redrawn();
            return;
        }
        String field = fieldGroup.getSelectedToggle() == null || keyboardToggle.isSelected()
                ? null : (String) fieldGroup.getSelectedToggle().getUserData();
        List<Site.Procedure> found = Search.filter(site.procedures(), search.getText(), field);
        count.setText(found.isEmpty() ? state.t("procedures.none") : state.t("procedures.count", found.size()));
        for (int i = 0; i < found.size(); i++) {
            Site.Procedure p = found.get(i);
            // the name is the button's own text so it wraps at the button's width; "fully online" sits beside it
            Button b = new Button(state.pick(p.nameVi(), p.nameEn()));
            if (p.fullyOnline()) {
                Label online = new Label(state.t("procedure.fullyOnline.short"));
                online.getStyleClass().add("online-tag");
                online.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                b.setGraphic(online);
                b.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                b.setGraphicTextGap(16);
            }
            b.setWrapText(true);
            b.setId("procedure-" + i);
            b.getStyleClass().add("procedure-item");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setMinHeight(72);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setTextAlignment(javafx.scene.text.TextAlignment.LEFT);
            b.setOnAction(e -> {
                detail.open(p);
                nav.go(ScreenId.PROCEDURE);
            });
            results.getChildren().add(b);
        }
        listed = List.copyOf(found);
        nav.redrawn();
    }
}
