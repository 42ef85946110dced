package vn.motcua.app.shell;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.event.Event;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import vn.motcua.app.agent.Site;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The frame around every screen: the header (site name, clock, language and text-size toggles, home), the content
 * area, the "busy" cover shown while the agent does not answer, the idle time-out, and the staff corner.
 */
public final class Shell {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_VI = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("dd MMM yyyy",
            java.util.Locale.ENGLISH);

    private final UiState state;
    private final Navigator nav;
    private final StackPane root = new StackPane();
    private final PauseTransition idle;
    private final Label clock = new Label();
    private final Runnable retry;

    public Shell(UiState state, Navigator nav, java.time.Duration idleTimeout, Runnable retry) {
        this.state = state;
        this.nav = nav;
        this.retry = retry;
        this.idle = new PauseTransition(Duration.millis(idleTimeout.toMillis()));
        idle.setOnFinished(e -> timeOut());
        build();
    }

    public Parent root() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("kiosk-root");
        root.setId("kioskRoot");
        BorderPane main = new BorderPane();
        main.setTop(header());
        main.setCenter(nav.host());
        main.getStyleClass().add("main");

        VBox busy = busyCover();
        busy.visibleProperty().bind(state.agentReachable().not().or(state.site().isNull()));

        Button staffCorner = new Button();
        staffCorner.setId("staffCorner");
        staffCorner.getStyleClass().add("staff-corner");
        staffCorner.setFocusTraversable(false);
        staffCorner.setOnAction(e -> nav.go(ScreenId.STAFF));
        StackPane.setAlignment(staffCorner, Pos.TOP_LEFT);

        root.getChildren().addAll(main, busy, staffCorner);

        state.largeText().addListener((o, a, on) -> toggleClass("large-text", on));
        state.portrait().addListener((o, a, on) -> toggleClass("portrait", on));
        root.widthProperty().addListener(o -> updateOrientation());
        root.heightProperty().addListener(o -> updateOrientation());

        for (var type : java.util.List.of(MouseEvent.MOUSE_PRESSED, TouchEvent.TOUCH_PRESSED, KeyEvent.KEY_PRESSED,
                ScrollEvent.SCROLL_STARTED)) {
            root.addEventFilter(type, this::touched);
        }
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateClock()));
        tick.setCycleCount(Animation.INDEFINITE);
        tick.play();
        state.lang().addListener(o -> updateClock());
        updateClock();
        idle.playFromStart();
    }

    private HBox header() {
        Label emblem = new Label("★");
        emblem.getStyleClass().add("emblem");
        Label site = new Label();
        site.getStyleClass().add("site-name");
        site.setId("siteName");
        site.textProperty().bind(state.text(() -> {
            Site s = state.site().get();
            return s == null ? state.t("app.title") : s.siteName();
        }, state.site()));
        site.setWrapText(true);
        site.setMinWidth(0);
        HBox.setHgrow(site, javafx.scene.layout.Priority.ALWAYS);
        site.setMaxWidth(Double.MAX_VALUE);

        clock.getStyleClass().add("clock");
        clock.setId("clock");
        clock.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);

        Button home = headerButton(Ui.button(state, "nav.home", "homeButton", "header-button"));
        home.setOnAction(e -> nav.home());
        home.visibleProperty().bind(nav.current().isNotEqualTo(ScreenId.HOME));
        home.managedProperty().bind(home.visibleProperty());

        Button lang = headerButton(Ui.button(state, "toggle.language", "langToggle", "header-button", "lang-toggle"));
        lang.setOnAction(e -> state.lang().set(state.lang().get().other()));
        lang.setVisible(state.languages().size() > 1);
        lang.setManaged(lang.isVisible());
        Button size = new Button();
        size.setId("textSizeToggle");
        size.getStyleClass().addAll("header-button", "size-toggle");
        size.setMinSize(64, 64);
        size.textProperty().bind(state.text(() -> state.largeText().get() ? state.t("toggle.text.normal")
                : state.t("toggle.text.large"), state.largeText()));
        size.setOnAction(e -> state.largeText().set(!state.largeText().get()));
        headerButton(size);

        HBox header = new HBox(12, emblem, site, clock, home, lang, size);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private static Button headerButton(Button b) {
        b.setWrapText(false);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }

    private VBox busyCover() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("busy-spinner");
        Label vi = Ui.plain("Hệ thống đang bận, vui lòng chờ trong giây lát", "busy-title");
        Label en = Ui.plain("The system is busy, please wait a moment", "busy-subtitle");
        Button again = Ui.button(state, "busy.retry", "busyRetry", "primary-button");
        again.setOnAction(e -> retry.run());
        VBox card = new VBox(24, spinner, vi, en, again);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("busy-card");
        card.setMaxWidth(760);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox cover = new VBox(card);
        cover.setAlignment(Pos.CENTER);
        cover.getStyleClass().add("busy-cover");
        cover.setId("busyCover");
        return cover;
    }

    private void touched(Event e) {
        idle.playFromStart();
    }

    /** No touch for the idle time: back to home, in the kiosk's first language, normal text, nothing kept. */
    private void timeOut() {
        state.lang().set(state.languages().get(0));
        state.largeText().set(false);
        nav.home();
        idle.playFromStart();
    }

    private void updateClock() {
        LocalDateTime now = LocalDateTime.now();
        clock.setText(CLOCK.format(now) + "\n" + (state.english() ? DATE_EN : DATE_VI).format(now));
    }

    private void updateOrientation() {
        state.portrait().set(root.getHeight() > root.getWidth());
    }

    private void toggleClass(String style, boolean on) {
        if (on) {
            if (!root.getStyleClass().contains(style)) {
                root.getStyleClass().add(style);
            }
        } else {
            root.getStyleClass().remove(style);
        }
    }
}
