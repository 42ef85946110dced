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
import vn.motcua.screen.Site;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The frame around every screen: the header (site name, clock, language, text-size and audio-guide toggles, home),
 * the content area, the "busy" cover shown while the agent does not answer, the idle time-out, and the staff corner.
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
    private final PauseTransition lastChance;
    private final Label clock = new Label();
    private final Runnable retry;
    private final java.time.Clock time;
    private final VBox idlePrompt = new VBox();

    /**
     * @param idleTimeout   no touch for this long → home
     * @param idlePromptLead for this last part of it, the screen asks whether the citizen needs more time
     * @param time          the kiosk's clock, in the kiosk's own time zone
     */
    public Shell(UiState state, Navigator nav, java.time.Duration idleTimeout, java.time.Duration idlePromptLead,
                 java.time.Clock time, Runnable retry) {
        this.state = state;
        this.nav = nav;
        this.retry = retry;
        this.time = time;
        this.idle = new PauseTransition(Duration.millis(idleTimeout.minus(idlePromptLead).toMillis()));
        idle.setOnFinished(e -> askForMoreTime());
        this.lastChance = new PauseTransition(Duration.millis(idlePromptLead.toMillis()));
        lastChance.setOnFinished(e -> timeOut());
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

        buildIdlePrompt();
        root.getChildren().addAll(main, busy, staffCorner, idlePrompt);

        state.largeText().addListener((o, a, on) -> toggleClass("large-text", on));
        state.portrait().addListener((o, a, on) -> toggleClass("portrait", on));
        root.widthProperty().addListener(o -> updateOrientation());
        root.heightProperty().addListener(o -> updateOrientation());

        for (var type : java.util.List.of(MouseEvent.MOUSE_PRESSED, TouchEvent.TOUCH_PRESSED,
                ScrollEvent.SCROLL_STARTED)) {
            root.addEventFilter(type, this::touched);
        }
        // keys go to the scene itself when nothing has the focus, so they are watched there, and before any screen
        // takes them (the ticket screen keeps a scanner's keys to itself)
        javafx.event.EventHandler<KeyEvent> keys = this::touched;
        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, keys);
            }
        });
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateClock()));
        tick.setCycleCount(Animation.INDEFINITE);
        tick.play();
        state.lang().addListener(o -> updateClock());
        updateClock();
        idle.playFromStart();
    }

    private VBox header() {
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

        Button guide = new Button();
        guide.setId("guideToggle");
        guide.getStyleClass().addAll("header-button", "guide-toggle");
        guide.setMinSize(64, 64);
        guide.textProperty().bind(state.text(() -> state.guideOn().get() ? state.t("guide.header.off")
                : state.t("guide.header.on"), state.guideOn()));
        guide.setOnAction(e -> state.guideOn().set(!state.guideOn().get()));
        // the home screen has its own large button
        guide.visibleProperty().bind(nav.current().isNotEqualTo(ScreenId.HOME).or(state.guideOn()));
        guide.managedProperty().bind(guide.visibleProperty());
        headerButton(guide);

        HBox title = new HBox(12, emblem, site, clock);
        title.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(title, javafx.scene.layout.Priority.ALWAYS);
        HBox buttons = new HBox(12, home, lang, size, guide);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox header = new VBox(8);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        // portrait: the buttons on a row of their own below the site's name, which then keeps the whole width
        Runnable arrange = () -> {
            if (state.portrait().get()) {
                title.setMaxWidth(Double.MAX_VALUE);
                header.getChildren().setAll(title, buttons);
            } else {
                header.getChildren().setAll(new HBox(12, title, buttons));
                ((HBox) header.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);
            }
        };
        state.portrait().addListener((o, a, p) -> arrange.run());
        arrange.run();
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

    /**
     * "Do you need more time?" over the whole screen, one large button. While it shows, only that button or a touch
     * on the cover gives more time, so a tap meant as "I am still here" does nothing else on the screen below.
     */
    private void buildIdlePrompt() {
        Label question = Ui.label(state, "idle.question", "idle-question");
        question.setId("idleQuestion");
        Label hint = Ui.label(state, "idle.hint", "idle-hint");
        Button more = Ui.button(state, "idle.moreTime", "idleMoreTime", "primary-button", "idle-more-time");
        more.setOnAction(e -> moreTime());
        VBox card = new VBox(28, question, hint, more);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("idle-card");
        card.setMaxWidth(820);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        idlePrompt.getChildren().setAll(card);
        idlePrompt.setAlignment(Pos.CENTER);
        idlePrompt.getStyleClass().add("idle-cover");
        idlePrompt.setId("idlePrompt");
        idlePrompt.setVisible(false);
        idlePrompt.setOnMouseClicked(e -> moreTime());
        idlePrompt.visibleProperty().addListener((o, was, shown) -> state.askingForMoreTime().set(shown));
    }

    private void touched(Event e) {
        if (!idlePrompt.isVisible()) {
            idle.playFromStart();
        } else if (e.getEventType() == KeyEvent.KEY_PRESSED) {
            moreTime(); // a scanner or keyboard in use: someone is there
        }
    }

    private void askForMoreTime() {
        if (nav.current().get() == ScreenId.HOME && state.lang().get() == state.languages().get(0)
                && !state.largeText().get() && !state.guideOn().get()) {
            idle.playFromStart(); // nothing to lose on the home screen: no question, nobody to disturb
            return;
        }
        idlePrompt.setVisible(true);
        lastChance.playFromStart();
    }

    /** The citizen asked for more time: the whole idle time again, the screen below exactly as it was. */
    private void moreTime() {
        lastChance.stop();
        idlePrompt.setVisible(false);
        idle.playFromStart();
        state.extendTime();
    }

    /** No touch for the idle time: back to home, in the kiosk's first language, normal text, nothing kept. */
    private void timeOut() {
        idlePrompt.setVisible(false);
        state.lang().set(state.languages().get(0));
        state.largeText().set(false);
        nav.home();
        idle.playFromStart();
    }

    private void updateClock() {
        LocalDateTime now = LocalDateTime.now(time);
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
