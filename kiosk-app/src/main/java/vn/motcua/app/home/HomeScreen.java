package vn.motcua.app.home;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.Screen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;
import vn.motcua.screen.Site;

/** Three large tiles: submit online (procedures), take a ticket, rate the service; the audio guide's button below
 * them; the site's notice and central's, when it sent one. */
public final class HomeScreen implements Screen {
    private final UiState state;
    private final Navigator nav;
    private final VBox view = new VBox(16);
    private final GridPane tiles = new GridPane();
    private final Button[] tileButtons = new Button[3];

    public HomeScreen(UiState state, Navigator nav) {
        this.state = state;
        this.nav = nav;
        build();
    }

    @Override
    public ScreenId id() {
        return ScreenId.HOME;
    }

    @Override
    public Parent view() {
        return view;
    }

    private void build() {
        view.getStyleClass().addAll("screen", "home");
        view.setId("homeScreen");
        Label notice = new Label();
        notice.setId("notice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        notice.textProperty().bind(state.text(() -> {
            Site s = state.site().get();
            return s == null || s.notices().isEmpty() ? "" : String.join("  •  ", s.notices());
        }, state.site()));
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label central = new Label();
        central.setId("centralNotice");
        central.getStyleClass().addAll("notice", "notice-central");
        central.setWrapText(true);
        central.setMaxWidth(Double.MAX_VALUE);
        central.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        central.textProperty().bind(state.text(() -> {
            String text = state.centralNotice().get();
            return text == null ? "" : text;
        }, state.centralNotice()));
        central.visibleProperty().bind(central.textProperty().isNotEmpty());
        central.managedProperty().bind(central.visibleProperty());

        Label welcome = Ui.label(state, "home.welcome", "screen-title");
        Button guide = new Button();
        guide.setId("guideButton");
        guide.getStyleClass().add("guide-button");
        guide.textProperty().bind(state.text(() -> state.t(state.guideOn().get() ? "guide.turnOff" : "guide.turnOn"),
                state.guideOn()));
        guide.setMaxWidth(Double.MAX_VALUE);
        guide.setMinHeight(80);
        guide.setWrapText(true);
        guide.setOnAction(e -> state.guideOn().set(!state.guideOn().get()));
        state.guideOn().addListener((o, was, on) -> {
            if (on) {
                guide.getStyleClass().add("guide-on");
            } else {
                guide.getStyleClass().remove("guide-on");
            }
        });

        tileButtons[0] = Ui.tile(state, "home.online.title", "home.online.subtitle", "tileProcedures", "tile-online");
        tileButtons[0].setOnAction(e -> nav.go(ScreenId.PROCEDURES));
        tileButtons[1] = Ui.tile(state, "home.ticket.title", "home.ticket.subtitle", "tileTicket", "tile-ticket");
        tileButtons[1].setOnAction(e -> nav.go(ScreenId.TICKET));
        tileButtons[2] = Ui.tile(state, "home.rating.title", "home.rating.subtitle", "tileRating", "tile-rating");
        tileButtons[2].setOnAction(e -> nav.go(ScreenId.RATING));
        tiles.setHgap(20);
        tiles.setVgap(20);
        VBox.setVgrow(tiles, Priority.ALWAYS);
        layoutTiles(state.portrait().get());
        state.portrait().addListener((o, a, p) -> layoutTiles(p));
        view.getChildren().addAll(central, notice, welcome, tiles, guide);
        view.setAlignment(Pos.TOP_CENTER);
    }

    private void layoutTiles(boolean portrait) {
        tiles.getChildren().clear();
        tiles.getColumnConstraints().clear();
        tiles.getRowConstraints().clear();
        for (int i = 0; i < tileButtons.length; i++) {
            Button b = tileButtons[i];
            GridPane.setHgrow(b, Priority.ALWAYS);
            GridPane.setVgrow(b, Priority.ALWAYS);
            if (portrait) {
                tiles.add(b, 0, i);
            } else {
                tiles.add(b, i, 0);
            }
        }
        int n = tileButtons.length;
        for (int i = 0; i < (portrait ? 1 : n); i++) {
            var c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(portrait ? 100 : 100.0 / n);
            tiles.getColumnConstraints().add(c);
        }
        for (int i = 0; i < (portrait ? n : 1); i++) {
            var r = new javafx.scene.layout.RowConstraints();
            r.setPercentHeight(portrait ? 100.0 / n : 100);
            tiles.getRowConstraints().add(r);
        }
    }
}
