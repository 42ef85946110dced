package vn.motcua.app.rating;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.agent.AgentException;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.Screen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;
import vn.motcua.screen.RatingRequest;
import vn.motcua.screen.Site;
import vn.motcua.screen.TicketStatus;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Rate the service: say which visit (scan the ticket's QR, type its number, or pick counter and officer), choose a
 * face on the configured scale, optionally give reasons after a low level, then thanks. A ticket rated before is
 * told kindly.
 */
public final class RatingScreen implements Screen {
    public static final List<String> REASONS = List.of("long_wait", "unclear_guidance", "attitude", "many_visits",
            "complex_procedure", "other");

    private final UiState state;
    private final Navigator nav;
    private final AgentClient agent;
    private final VBox view = new VBox(14);
    private final TextField input = new TextField();
    private final RatingModel model = new RatingModel();
    private final ToggleGroup counters = new ToggleGroup();
    private final ToggleGroup officers = new ToggleGroup();

    public RatingScreen(UiState state, Navigator nav, AgentClient agent) {
        this.state = state;
        this.nav = nav;
        this.agent = agent;
        view.getStyleClass().addAll("screen", "rating");
        view.setId("ratingScreen");
        input.setId("ticketInput");
        input.getStyleClass().add("ticket-input");
        input.setMinHeight(72);
        input.promptTextProperty().bind(state.text("rating.input.prompt"));
        // a 2D scanner types the QR's content and presses Enter
        input.setOnAction(e -> lookUp());
        state.lang().addListener(o -> render());
        state.portrait().addListener(o -> render());
    }

    @Override
    public ScreenId id() {
        return ScreenId.RATING;
    }

    @Override
    public Parent view() {
        return view;
    }

    public RatingModel model() {
        return model;
    }

    @Override
    public void onShow() {
        render();
        if (model.step() == RatingModel.Step.IDENTIFY) {
            Platform.runLater(input::requestFocus);
        }
    }

    @Override
    public void reset() {
        model.reset();
        input.clear();
        counters.selectToggle(null);
        officers.selectToggle(null);
        render();
    }

    private void render() {
        Node content = switch (model.step()) {
            case IDENTIFY -> identify();
            case LOOKING_UP, SENDING -> waiting();
            case PICK -> pick();
            case LEVELS -> levels();
            case REASONS -> reasons();
            case THANKS -> end("rating.thanks", "rating.thanks.detail", "ratingThanks");
            case ALREADY_RATED -> end("rating.already", "rating.already.detail", "ratingAlready");
            case FAILED -> failed();
        };
        view.getChildren().setAll(content);
        nav.redrawn();
    }

    private Node identify() {
        Label title = Ui.label(state, "rating.identify.title", "screen-title");
        Label how = Ui.label(state, "rating.identify.how", "lead");
        Label message = Ui.plain(model.message() == null ? "" : state.t(model.message(),
                input.getText().strip()), "inline-error");
        message.setId("ratingMessage");
        message.setVisible(model.message() != null);
        message.managedProperty().bind(message.visibleProperty());
        Button go = Ui.button(state, "rating.lookup", "ticketLookup", "primary-button");
        go.setOnAction(e -> lookUp());
        Button pick = Ui.button(state, "rating.noTicket", "pickCounter", "secondary-button");
        pick.setOnAction(e -> {
            model.step(RatingModel.Step.PICK);
            render();
        });
        HBox actions = new HBox(12, go, pick);
        VBox left = new VBox(14, title, how, input, message, actions);
        HBox.setHgrow(left, Priority.ALWAYS);
        GridPane pad = keypad();
        Node body = state.portrait().get() ? new VBox(24, left, pad) : new HBox(24, left, pad);
        VBox.setVgrow(body, Priority.ALWAYS);
        return body;
    }

    private GridPane keypad() {
        GridPane pad = new GridPane();
        pad.setHgap(8);
        pad.setVgap(8);
        pad.setId("ticketKeypad");
        pad.getStyleClass().add("keypad");
        Site site = state.site().get();
        List<String> keys = new java.util.ArrayList<>();
        if (site != null) {
            site.services().stream().map(Site.Service::prefix).limit(3).forEach(keys::add);
        }
        while (keys.size() < 3) {
            keys.add("");
        }
        keys.add("⌫");
        keys.addAll(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"));
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            if (k.isEmpty()) {
                continue;
            }
            Button b = new Button(k);
            b.getStyleClass().add("key");
            b.setId(k.equals("⌫") ? "pad-backspace" : "pad-" + k);
            b.setMinSize(72, 64);
            b.setPrefSize(80, 64);
            b.setFocusTraversable(false);
            b.setOnAction(e -> {
                if (k.equals("⌫")) {
                    String t = input.getText();
                    input.setText(t.isEmpty() ? t : t.substring(0, t.length() - 1));
                } else {
                    input.appendText(k);
                }
            });
            pad.add(b, i % 4, i / 4);
        }
        return pad;
    }

    private void lookUp() {
        Optional<TicketInput> parsed = TicketInput.parse(input.getText());
        if (parsed.isEmpty()) {
            if (input.getText().indexOf('|') >= 0) {
                input.clear(); // an ID card scanned here by mistake: its contents do not stay on screen
            }
            model.message("rating.input.invalid");
            render();
            return;
        }
        TicketInput in = parsed.get();
        model.step(RatingModel.Step.LOOKING_UP);
        render();
        CompletableFuture<TicketStatus> call = in.ticketId() != null ? agent.ticket(in.ticketId())
                : agent.ticketByNumber(in.display());
        Ui.onFx(call, (t, err) -> {
            if (model.step() != RatingModel.Step.LOOKING_UP) {
                return;
            }
            if (err == null) {
                if (t.rated()) {
                    model.ticket(t.ticketId(), t.display(), t.counter(), t.officerId(), t.officerName());
                    model.step(RatingModel.Step.ALREADY_RATED);
                } else {
                    model.ticket(t.ticketId(), t.display(), t.counter(), t.officerId(), t.officerName());
                }
            } else if (err.is("ticket_not_found")) {
                model.step(RatingModel.Step.IDENTIFY);
                model.message("rating.notFound");
            } else if (err.kind() == AgentException.Kind.REJECTED && err.status() == 404 && in.ticketId() != null) {
                // an agent without the ticket look-up: the rating itself still checks the ticket
                model.ticket(in.ticketId(), null, null, null, null);
            } else {
                model.step(RatingModel.Step.IDENTIFY);
                model.message(err.kind() == AgentException.Kind.UNAVAILABLE ? "rating.busy" : "rating.notFound");
            }
            render();
        });
    }

    private Node pick() {
        Site site = state.site().get();
        Label title = Ui.label(state, "rating.pick.title", "screen-title");
        Label counterLabel = Ui.label(state, "rating.pick.counter", "section-title");
        FlowPane counterChips = new FlowPane(10, 10);
        Label officerLabel = Ui.label(state, "rating.pick.officer", "section-title");
        FlowPane officerCards = new FlowPane(12, 12);
        Object selCounter = counters.getSelectedToggle() == null ? null : counters.getSelectedToggle().getUserData();
        Object selOfficer = officers.getSelectedToggle() == null ? null : officers.getSelectedToggle().getUserData();
        counters.getToggles().clear();
        officers.getToggles().clear();
        if (site != null) {
            for (Site.Counter c : site.counters()) {
                ToggleButton t = new ToggleButton(state.english() ? c.nameVi().replace("Quầy", "Counter")
                        : c.nameVi());
                t.setId("counter-" + c.id());
                t.setUserData(c.id());
                t.getStyleClass().add("chip");
                t.setMinSize(120, 64);
                t.setToggleGroup(counters);
                t.setSelected(c.id().equals(selCounter));
                counterChips.getChildren().add(t);
            }
            for (Site.Officer o : site.officers()) {
                ToggleButton t = new ToggleButton(o.name(), avatar(o, 56));
                t.setId("officer-" + o.id());
                t.setUserData(o.id());
                t.getStyleClass().addAll("chip", "officer-card");
                t.setMinHeight(72);
                t.setToggleGroup(officers);
                t.setSelected(o.id().equals(selOfficer));
                officerCards.getChildren().add(t);
            }
        }
        Button next = Ui.button(state, "rating.continue", "pickContinue", "primary-button");
        next.disableProperty().bind(counters.selectedToggleProperty().isNull());
        next.setOnAction(e -> {
            String c = (String) counters.getSelectedToggle().getUserData();
            String o = officers.getSelectedToggle() == null ? null : (String) officers.getSelectedToggle().getUserData();
            String name = o == null || site == null ? null : site.officer(o).map(Site.Officer::name).orElse(null);
            model.picked(c, o, name);
            render();
        });
        Button back = Ui.button(state, "nav.back", "pickBack", "secondary-button");
        back.setOnAction(e -> {
            model.step(RatingModel.Step.IDENTIFY);
            render();
        });
        VBox box = new VBox(12, title, counterLabel, counterChips, officerLabel, officerCards, new HBox(12, next, back));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("list-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    private Node avatar(Site.Officer o, double size) {
        if (o.photoUrl() != null && !o.photoUrl().isBlank()) {
            ImageView v = new ImageView(new Image(o.photoUrl(), size, size, true, true, true));
            v.setClip(new Circle(size / 2, size / 2, size / 2));
            return v;
        }
        String[] parts = o.name().trim().split("\\s+");
        String initials = parts.length == 0 ? "?" : parts.length == 1 ? parts[0].substring(0, 1)
                : parts[parts.length - 2].substring(0, 1) + parts[parts.length - 1].substring(0, 1);
        Label l = new Label(initials.toUpperCase());
        l.getStyleClass().add("avatar-initials");
        Circle c = new Circle(size / 2, Color.web("#0b4f9c"));
        c.getStyleClass().add("avatar-circle");
        return new StackPane(c, l);
    }

    private Node levels() {
        Site site = state.site().get();
        int scale = site == null ? 5 : site.ratingScale();
        Label title = Ui.label(state, "rating.levels.title", "screen-title");
        Label who = Ui.plain(whoLine(site), "lead");
        who.setId("ratingWho");
        boolean portrait = state.portrait().get();
        // landscape: the faces side by side; portrait: one full-width row per level, face beside its words
        javafx.scene.layout.Pane faces = portrait ? new VBox(18) : new HBox(14);
        if (faces instanceof HBox h) {
            h.setAlignment(Pos.TOP_CENTER);
        }
        faces.setId("ratingFaces");
        double faceSize = portrait ? 150 : (scale == 3 ? 120 : 96);
        for (Level l : Level.of(scale)) {
            Label word = new Label(state.t("level." + l.wire()));
            word.getStyleClass().add("level-word");
            Button b = new Button();
            if (portrait) {
                word.setWrapText(false);
                HBox g = new HBox(40, new Face(l, faceSize), word);
                g.setAlignment(Pos.CENTER_LEFT);
                b.setGraphic(g);
                b.setMaxWidth(Double.MAX_VALUE);
                b.setPrefHeight(faceSize + 40);
                b.setAlignment(Pos.CENTER_LEFT);
            } else {
                word.setWrapText(true);
                word.setAlignment(Pos.CENTER);
                word.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                VBox g = new VBox(10, new Face(l, faceSize), word);
                g.setAlignment(Pos.TOP_CENTER);
                b.setGraphic(g);
                b.setPrefWidth(scale == 3 ? 250 : 180);
                b.setPrefHeight(faceSize + 110);
                word.maxWidthProperty().bind(b.prefWidthProperty().subtract(16));
            }
            b.setId("level-" + l.wire());
            b.getStyleClass().add("level-button");
            b.setMinSize(64, 64);
            b.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setOnAction(e -> {
                model.level(l);
                if (model.step() == RatingModel.Step.SENDING) {
                    send();
                } else {
                    render();
                }
            });
            faces.getChildren().add(b);
        }
        VBox box = new VBox(18, title, who, faces);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private String whoLine(Site site) {
        StringBuilder s = new StringBuilder();
        if (model.ticketDisplay() != null) {
            s.append(state.t("rating.who.ticket", model.ticketDisplay()));
        }
        if (model.counter() != null) {
            String name = site == null ? model.counter() : site.counter(model.counter()).map(Site.Counter::nameVi)
                    .orElse(model.counter());
            s.append(s.length() > 0 ? "  •  " : "").append(state.english() ? name.replace("Quầy", "Counter") : name);
        }
        if (model.officerName() != null) {
            s.append(s.length() > 0 ? "  •  " : "").append(model.officerName());
        }
        return s.length() == 0 ? state.t("rating.who.unknown") : s.toString();
    }

    private Node reasons() {
        Label title = Ui.label(state, "rating.reasons.title", "screen-title");
        Label hint = Ui.label(state, "rating.reasons.hint", "lead");
        FlowPane chips = new FlowPane(10, 10);
        for (String r : REASONS) {
            ToggleButton t = new ToggleButton(state.t("reason." + r));
            t.setId("reason-" + r);
            t.getStyleClass().add("chip");
            t.setMinHeight(64);
            t.setSelected(model.reasons().contains(r));
            t.selectedProperty().addListener((o, a, on) -> model.toggleReason(r, on));
            chips.getChildren().add(t);
        }
        Button submit = Ui.button(state, "rating.submit", "submitRating", "primary-button");
        submit.setOnAction(e -> send());
        Button skip = Ui.button(state, "rating.skip", "skipReasons", "secondary-button");
        skip.setOnAction(e -> {
            model.clearReasons();
            send();
        });
        VBox box = new VBox(16, title, hint, chips, new HBox(12, submit, skip));
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private void send() {
        Site site = state.site().get();
        int scale = site == null ? 5 : site.ratingScale();
        String key = model.send(() -> UUID.randomUUID().toString());
        render();
        // with a ticket the agent takes counter and officer from whoever served it
        RatingRequest request = model.picked()
                ? new RatingRequest(null, model.counter(), model.officerId(), null, model.level().wire(), scale,
                model.reasons(), null)
                : new RatingRequest(model.ticketId(), null, null, null, model.level().wire(), scale,
                model.reasons(), null);
        Ui.onFx(agent.rate(request, key), (ok, err) -> {
            if (!key.equals(model.pendingKey()) || model.step() != RatingModel.Step.SENDING) {
                return;
            }
            if (err == null) {
                model.step(RatingModel.Step.THANKS);
            } else if (err.is("already_rated")) {
                model.step(RatingModel.Step.ALREADY_RATED);
            } else if (err.is("ticket_not_found")) {
                model.reset();
                model.message("rating.notFound");
            } else {
                model.step(RatingModel.Step.FAILED);
            }
            render();
        });
    }

    private Node waiting() {
        ProgressIndicator p = new ProgressIndicator();
        Label l = Ui.label(state, "rating.wait", "screen-title");
        VBox box = new VBox(24, p, l);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node end(String titleKey, String detailKey, String id) {
        Label title = Ui.plain(state.t(titleKey), "big-message");
        title.setId(id);
        Label detail = Ui.plain(state.t(detailKey, model.ticketDisplay() == null ? "" : model.ticketDisplay()),
                "lead");
        Button home = Ui.button(state, "nav.home", id + "Home", "primary-button");
        home.setOnAction(e -> nav.home());
        VBox box = new VBox(24, title, detail, home);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node failed() {
        Label title = Ui.label(state, "rating.failed", "big-message");
        title.setId("ratingFailed");
        Button retry = Ui.button(state, "ticket.retry", "ratingRetry", "primary-button");
        retry.setOnAction(e -> send());
        Button home = Ui.button(state, "nav.home", "ratingFailedHome", "secondary-button");
        home.setOnAction(e -> nav.home());
        HBox actions = new HBox(16, retry, home);
        actions.setAlignment(Pos.CENTER);
        VBox box = new VBox(24, title, actions);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }
}
