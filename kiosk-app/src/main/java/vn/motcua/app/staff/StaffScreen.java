package vn.motcua.app.staff;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.Screen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;
import vn.motcua.screen.AgentStatus;

import java.util.stream.Collectors;

/**
 * For staff, behind the PIN: the agent and broker, the printer and its paper, the outbox backlog, a test print, and
 * the only way to close the kiosk application.
 */
public final class StaffScreen implements Screen {
    private final UiState state;
    private final Navigator nav;
    private final AgentClient agent;
    private final String pin;
    private final Runnable exit;
    private final VBox view = new VBox(14);
    private final PasswordField pinField = new PasswordField();
    private boolean unlocked;
    private boolean wrongPin;
    private AgentStatus status;
    private String statusError;
    private String printMessage;

    public StaffScreen(UiState state, Navigator nav, AgentClient agent, String pin, Runnable exit) {
        this.state = state;
        this.nav = nav;
        this.agent = agent;
        this.pin = pin;
        this.exit = exit;
        view.getStyleClass().addAll("screen", "staff");
        view.setId("staffScreen");
        pinField.setId("pinField");
        pinField.setEditable(false);
        pinField.setFocusTraversable(false);
        pinField.setMinHeight(64);
        pinField.getStyleClass().add("pin-field");
        state.lang().addListener(o -> render());
    }

    @Override
    public ScreenId id() {
        return ScreenId.STAFF;
    }

    @Override
    public Parent view() {
        return view;
    }

    @Override
    public void onShow() {
        render();
        if (unlocked) {
            refresh();
        }
    }

    @Override
    public void reset() {
        unlocked = false;
        wrongPin = false;
        status = null;
        statusError = null;
        printMessage = null;
        pinField.clear();
        render();
    }

    private void render() {
        view.getChildren().setAll(unlocked ? dashboard() : pinPad());
    }

    private Node pinPad() {
        Label title = Ui.label(state, "staff.pin.title", "screen-title");
        Label wrong = Ui.label(state, "staff.pin.wrong", "inline-error");
        wrong.setId("pinWrong");
        wrong.setVisible(wrongPin);
        GridPane pad = new GridPane();
        pad.setHgap(8);
        pad.setVgap(8);
        pad.setId("pinPad");
        String[] keys = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"};
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            Button b = new Button(k);
            b.setId(k.equals("⌫") ? "pin-back" : k.equals("OK") ? "pin-ok" : "pin-" + k);
            b.getStyleClass().add("key");
            b.setMinSize(88, 64);
            b.setFocusTraversable(false);
            b.setOnAction(e -> press(k));
            pad.add(b, i % 3, i / 3);
        }
        Button home = Ui.button(state, "nav.home", "staffHome", "secondary-button");
        home.setOnAction(e -> nav.home());
        VBox left = new VBox(14, title, pinField, wrong, home);
        left.setMaxWidth(420);
        HBox box = new HBox(40, left, pad);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private void press(String k) {
        switch (k) {
            case "⌫" -> {
                String t = pinField.getText();
                pinField.setText(t.isEmpty() ? t : t.substring(0, t.length() - 1));
            }
            case "OK" -> {
                unlocked = StaffPin.matches(pin, pinField.getText());
                wrongPin = !unlocked;
                pinField.clear();
                render();
                if (unlocked) {
                    refresh();
                }
            }
            default -> {
                if (pinField.getText().length() < 8) {
                    pinField.appendText(k);
                }
            }
        }
    }

    private void refresh() {
        Ui.onFx(agent.status(), (s, err) -> {
            status = s;
            statusError = err == null ? null : err.getMessage();
            if (unlocked) {
                render();
            }
        });
    }

    private Node dashboard() {
        Label title = Ui.label(state, "staff.title", "screen-title");
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(10);
        grid.setId("staffStatus");
        int row = 0;
        boolean agentUp = status != null && statusError == null;
        row = line(grid, row, "staff.agent", agentUp ? state.t("staff.ok") + " — " + agent.base()
                : state.t("staff.down") + (statusError == null ? "" : " — " + statusError), agentUp, "staffAgent");
        if (status != null) {
            boolean brokerUp = status.broker() != null && status.broker().connected();
            row = line(grid, row, "staff.broker", (brokerUp ? state.t("staff.connected") : state.t("staff.disconnected"))
                    + (status.broker() == null ? "" : " — " + status.broker().url()), brokerUp, "staffBroker");
            var p = status.printer();
            boolean printerOk = p != null && ("ready".equals(p.status()) || "paper_near_end".equals(p.status()));
            row = line(grid, row, "staff.printer", p == null ? "?" : state.t("printer." + p.status())
                    + (p.detail() == null ? "" : " — " + p.detail()), printerOk, "staffPrinter");
            row = line(grid, row, "staff.backlog", state.t("staff.backlog.value", status.outboxBacklog(),
                    status.lastSeq(), status.lastAckSeq()), status.outboxBacklog() < 100, "staffBacklog");
            String queues = status.queues().isEmpty() ? "0" : status.queues().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
            row = line(grid, row, "staff.queues", queues, true, "staffQueues");
            line(grid, row, "staff.kiosk", status.siteId() + " / " + status.kioskId(), true, "staffKiosk");
        }
        Label print = Ui.plain(printMessage == null ? "" : printMessage, "inline-message");
        print.setId("printTestResult");
        Button refresh = Ui.button(state, "staff.refresh", "staffRefresh", "secondary-button");
        refresh.setOnAction(e -> refresh());
        Button test = Ui.button(state, "staff.testPrint", "testPrint", "secondary-button");
        test.setOnAction(e -> {
            printMessage = state.t("procedure.printing");
            render();
            Ui.onFx(agent.printTest(), (ok, err) -> {
                printMessage = err == null ? state.t("staff.testPrint.ok")
                        : state.t("staff.testPrint.failed", err.getMessage());
                render();
            });
        });
        Button exitButton = Ui.button(state, "staff.exit", "exitApp", "danger-button");
        exitButton.setOnAction(e -> exit.run());
        Button home = Ui.button(state, "nav.home", "staffDashboardHome", "primary-button");
        home.setOnAction(e -> nav.home());
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(12, 12, refresh, test, home, exitButton);
        VBox box = new VBox(14, title, grid, print, actions);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    private int line(GridPane grid, int row, String key, String value, boolean ok, String id) {
        Label k = Ui.plain(state.t(key), "fact-label");
        Label v = Ui.plain(value, ok ? "status-ok" : "status-bad");
        v.setId(id);
        v.setMaxWidth(700);
        grid.add(k, 0, row);
        grid.add(v, 1, row);
        return row + 1;
    }
}
