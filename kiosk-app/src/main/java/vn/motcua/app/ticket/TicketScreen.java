package vn.motcua.app.ticket;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.agent.AgentException;
import vn.motcua.app.procedures.QrCodes;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.Screen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;
import vn.motcua.screen.Site;
import vn.motcua.screen.TicketView;

import java.util.List;
import java.util.UUID;

/**
 * Take a ticket: choose the service, optionally a priority category; the confirmation shows the number, people
 * ahead and the estimated wait, or — when the printer cannot print — the ticket as a large QR code to photograph.
 * A tap ends either in a confirmed ticket or in a message that it did not go through, with a retry that reuses the
 * same idempotency key so the agent never issues two tickets for one tap.
 */
public final class TicketScreen implements Screen {
    public static final List<String> PRIORITIES = List.of(TicketModel.ELDERLY, "disabled", "pregnant", "child");
    /** Longer than any ID card's QR; the rest of an endless stream of keys is dropped. */
    private static final int MAX_SCAN = 1000;

    private final UiState state;
    private final Navigator nav;
    private final AgentClient agent;
    private final int minutesPerTicket;
    private final VBox view = new VBox(14);
    private final ToggleGroup priorityGroup = new ToggleGroup();
    private final TicketModel model = new TicketModel();
    private final java.time.Clock time;
    /** What a scanner is typing; emptied (and overwritten) at each Enter, reset or leaving the screen. */
    private final StringBuilder scanned = new StringBuilder();
    private final javafx.event.EventHandler<KeyEvent> keys = this::onKey;

    /** @param time the kiosk's clock in its own time zone: an ID card's age is counted on the kiosk's local date */
    public TicketScreen(UiState state, Navigator nav, AgentClient agent, int minutesPerTicket, java.time.Clock time) {
        this.state = state;
        this.nav = nav;
        this.agent = agent;
        this.minutesPerTicket = minutesPerTicket;
        this.time = time;
        view.getStyleClass().addAll("screen", "ticket");
        view.setId("ticketScreen");
        // While this screen shows, every key belongs to it: a scanner's text must not reach a button (its spaces
        // would press one) nor any text field, whichever node has the focus.
        view.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.ANY, keys);
                forgetScan();
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.ANY, keys);
            }
        });
        state.lang().addListener(o -> render());
        state.portrait().addListener(o -> render());
        state.site().addListener(o -> render());
    }

    @Override
    public ScreenId id() {
        return ScreenId.TICKET;
    }

    @Override
    public Parent view() {
        return view;
    }

    public TicketModel model() {
        return model;
    }

    @Override
    public void onShow() {
        render();
    }

    @Override
    public void reset() {
        forgetScan();
        model.reset();
        priorityGroup.selectToggle(null);
        render();
    }

    /** Opens the screen with a service already chosen (from a procedure's page): one tap to confirm. */
    public void startFor(String service) {
        reset();
        model.preselect(service);
        nav.go(ScreenId.TICKET);
    }

    private void render() {
        Node content = switch (model.step()) {
            case CHOOSE -> choose();
            case ISSUING -> issuing();
            case DONE -> done();
            case FAILED -> failed();
        };
        view.getChildren().setAll(content);
        nav.redrawn();
    }

    private Node choose() {
        Site site = state.site().get();
        Label title = Ui.label(state, "ticket.choose", "screen-title");
        VBox services = new VBox(12);
        services.setId("serviceList");
        if (site != null) {
            for (Site.Service s : site.services()) {
                if (model.preselected() != null && !model.preselected().equals(s.prefix())) {
                    continue;
                }
                Label letter = new Label(s.prefix());
                letter.getStyleClass().add("service-letter");
                Label name = new Label(state.pick(s.nameVi(), s.nameEn()));
                name.getStyleClass().add("service-name");
                HBox g = new HBox(20, letter, name);
                g.setAlignment(Pos.CENTER_LEFT);
                Button b = new Button();
                b.setGraphic(g);
                b.setId("service-" + s.prefix());
                b.getStyleClass().add("service-button");
                b.setMaxWidth(Double.MAX_VALUE);
                b.setMinHeight(80);
                b.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                b.setAlignment(Pos.CENTER_LEFT);
                b.setOnAction(e -> issue(s.prefix()));
                services.getChildren().add(b);
            }
        }
        Label prio = Ui.label(state, state.portrait().get() ? "ticket.priority" : "ticket.priority.side",
                "section-title");
        Label idCardHint = Ui.plain(state.t("ticket.idCard.hint", priorityAge()), "idcard-hint");
        idCardHint.setId("idCardHint");
        Label idCardMessage = idCardMessage();
        boolean portrait = state.portrait().get();
        javafx.scene.layout.Pane chips = portrait ? new FlowPane(10, 10) : new VBox(10);
        String chosen = model.priority();
        priorityGroup.getToggles().clear();
        for (String p : PRIORITIES) {
            ToggleButton t = new ToggleButton(state.t("priority." + p));
            t.setId("priority-" + p);
            t.setUserData(p);
            t.getStyleClass().add("chip");
            t.setMinHeight(64);
            t.setMaxWidth(Double.MAX_VALUE);
            t.setToggleGroup(priorityGroup);
            t.setSelected(p.equals(chosen));
            t.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    model.priority(p);
                } else if (p.equals(model.priority())) {
                    model.priority(null);
                }
            });
            chips.getChildren().add(t);
        }
        // dropping the old buttons from the group unticks them, which clears the choice; a redraw (language,
        // orientation, an ID card read) must not lose it
        model.priority(chosen);
        ScrollPane scroll = new ScrollPane(services);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("list-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label tap = Ui.label(state, "ticket.tapService", "muted");
        if (portrait) {
            VBox box = new VBox(14, title, idCardMessage, prio, chips, idCardHint, tap, scroll);
            VBox.setVgrow(box, Priority.ALWAYS);
            return box;
        }
        VBox left = new VBox(12, title, idCardMessage, tap, scroll);
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox right = new VBox(10, prio, chips, idCardHint);
        right.setPrefWidth(330);
        right.setMinWidth(300);
        right.getStyleClass().add("side-panel");
        HBox box = new HBox(20, left, right);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    /** The answer to the last ID card scanned, or an empty, unmanaged label. */
    private Label idCardMessage() {
        IdCard.Reading reading = model.idCard();
        Label l = new Label();
        l.setId("idCardMessage");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        if (reading == null) {
            l.setVisible(false);
            l.setManaged(false);
            return l;
        }
        switch (reading) {
            case PRIORITY -> {
                l.setText(state.t("ticket.idCard.priority"));
                l.getStyleClass().addAll("idcard-message", "idcard-priority");
            }
            case TOO_YOUNG -> {
                l.setText(state.t("ticket.idCard.tooYoung", priorityAge()));
                l.getStyleClass().addAll("idcard-message", "idcard-info");
            }
            case NOT_AN_ID_CARD -> {
                l.setText(state.t("ticket.idCard.unreadable"));
                l.getStyleClass().addAll("idcard-message", "idcard-info");
            }
        }
        return l;
    }

    private int priorityAge() {
        Site site = state.site().get();
        return site == null ? Site.DEFAULT_PRIORITY_AGE : site.priorityAge();
    }

    /**
     * A USB scanner is a keyboard: it types the QR's text, then Enter. Only the computed answer survives the Enter;
     * the text is never logged, shown or sent.
     */
    private void onKey(KeyEvent e) {
        e.consume();
        if (model.step() != TicketModel.Step.CHOOSE) {
            forgetScan();
            return;
        }
        if (e.getEventType() == KeyEvent.KEY_PRESSED && e.getCode() == KeyCode.ENTER) {
            IdCard.Reading reading = IdCard.read(scanned, java.time.LocalDate.now(time), priorityAge());
            forgetScan();
            model.idCardRead(reading);
            render();
        } else if (e.getEventType() == KeyEvent.KEY_TYPED) {
            String c = e.getCharacter();
            if (!c.isEmpty() && c.charAt(0) >= ' ' && c.charAt(0) != 127 && scanned.length() < MAX_SCAN) {
                scanned.append(c);
            }
        }
    }

    private void forgetScan() {
        for (int i = 0; i < scanned.length(); i++) {
            scanned.setCharAt(i, ' ');
        }
        scanned.setLength(0);
    }

    private Node issuing() {
        ProgressIndicator spinner = new ProgressIndicator();
        Label l = Ui.label(state, "ticket.issuing", "screen-title");
        VBox box = new VBox(24, spinner, l);
        box.setAlignment(Pos.CENTER);
        box.setId("ticketIssuing");
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node done() {
        TicketView t = model.ticket();
        Site site = state.site().get();
        String serviceName = site == null ? t.service() : site.service(t.service())
                .map(s -> state.pick(s.nameVi(), s.nameEn())).orElse(t.service());
        Label yourNumber = Ui.label(state, "ticket.yourNumber", "section-title");
        Label number = Ui.plain(t.display(), "ticket-number");
        number.setId("ticketNumber");
        Label service = Ui.plain(serviceName, "ticket-service");
        int counters = site == null ? 1 : site.countersServing(t.service());
        // the agent's estimate knows the real service times; the configured average is the fallback
        int minutes = t.estimatedWaitMinutes() != null ? t.estimatedWaitMinutes()
                : (int) Math.ceil((double) t.peopleAhead() * minutesPerTicket / counters);
        Label ahead = Ui.plain(state.t("ticket.peopleAhead", t.peopleAhead()), "ticket-fact");
        ahead.setId("peopleAhead");
        Label wait = Ui.plain(t.peopleAhead() == 0 || minutes == 0 ? state.t("ticket.waitNone") : state.t("ticket.wait", minutes),
                "ticket-fact");
        wait.setId("estimatedWait");
        String prio = t.priority() == null ? null : state.t("priority." + t.priority());
        VBox info = new VBox(10, yourNumber, number, service, ahead, wait);
        if (prio != null) {
            info.getChildren().add(Ui.plain(state.t("ticket.priorityShown", prio), "ticket-fact"));
        }
        info.setAlignment(Pos.CENTER);
        Button doneButton = Ui.button(state, "ticket.done", "ticketDone", "primary-button");
        doneButton.setOnAction(e -> nav.home());
        Node body;
        if (model.showAsQr(state.printer().get())) {
            String content = t.statusUrl() != null ? t.statusUrl() : t.display() + " " + t.ticketId();
            var qr = QrCodes.view(content, state.portrait().get() ? 560 : 300, "ticketQr");
            Label paper = Ui.label(state, "ticket.paperOut", "warning-banner");
            paper.setId("paperOutMessage");
            Label photo = Ui.label(state, "ticket.photograph", "qr-caption");
            VBox qrBox = new VBox(10, qr, photo);
            qrBox.setAlignment(Pos.CENTER);
            info.getChildren().add(doneButton);
            body = state.portrait().get() ? new VBox(20, paper, info, qrBox) : new VBox(12, paper,
                    new HBox(40, info, qrBox));
            ((javafx.scene.layout.Pane) body).getChildren().forEach(n -> {
                if (n instanceof HBox h) {
                    h.setAlignment(Pos.CENTER);
                }
            });
        } else {
            Label take = Ui.label(state, "ticket.takePaper", "ticket-fact");
            take.setId("takePaper");
            info.getChildren().addAll(take, doneButton);
            body = info;
        }
        VBox box = new VBox(body);
        box.setAlignment(Pos.CENTER);
        box.setId("ticketConfirmation");
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private Node failed() {
        Label l = Ui.label(state, "ticket.failed", "screen-title");
        l.setId("ticketFailed");
        Label hint = Ui.label(state, "ticket.failedHint", "muted");
        Button retry = Ui.button(state, "ticket.retry", "ticketRetry", "primary-button");
        retry.setOnAction(e -> issue(model.service()));
        Button home = Ui.button(state, "nav.home", "ticketFailedHome", "secondary-button");
        home.setOnAction(e -> nav.home());
        HBox actions = new HBox(16, retry, home);
        actions.setAlignment(Pos.CENTER);
        VBox box = new VBox(24, l, hint, actions);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private void issue(String service) {
        if (model.step() == TicketModel.Step.ISSUING) {
            return;
        }
        String key = model.begin(service, () -> UUID.randomUUID().toString());
        render();
        Ui.onFx(agent.issueTicket(service, model.priority(), key), (ticket, err) -> {
            if (!key.equals(model.pendingKey())) {
                return; // the kiosk was reset while the call was out; the citizen has moved on
            }
            if (err == null) {
                model.issued(ticket);
            } else {
                model.failed(err.kind() == AgentException.Kind.REJECTED ? err.error() : null);
            }
            render();
        });
    }
}
