package vn.motcua.app.procedures;

import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.Screen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Ui;
import vn.motcua.app.shell.UiState;
import vn.motcua.screen.Site;

import java.util.function.Consumer;

/**
 * One procedure: the QR code of its online-submission link (exactly the catalogue's link), the link as text, whether
 * it is fully online, fee, time limit, documents to bring, "print this guide" and "take a ticket for it".
 */
public final class ProcedureScreen implements Screen {
    private final UiState state;
    private final Navigator nav;
    private final AgentClient agent;
    private final Consumer<String> takeTicketFor;
    private final VBox view = new VBox(12);
    private final Label title = Ui.plain("", "screen-title");
    private final VBox qrBox = new VBox(8);
    private final VBox facts = new VBox(10);
    private final Pane body = new HBox(24);
    private final Label printResult = Ui.plain("", "inline-message");
    private Site.Procedure procedure;

    public ProcedureScreen(UiState state, Navigator nav, AgentClient agent, Consumer<String> takeTicketFor) {
        this.state = state;
        this.nav = nav;
        this.agent = agent;
        this.takeTicketFor = takeTicketFor;
        view.getStyleClass().addAll("screen", "procedure");
        view.setId("procedureScreen");
        title.setId("procedureTitle");
        qrBox.getStyleClass().add("qr-box");
        qrBox.setAlignment(Pos.TOP_CENTER);
        printResult.setId("printResult");
        state.lang().addListener(o -> render());
        state.portrait().addListener(o -> render());
        view.getChildren().addAll(title, body);
    }

    @Override
    public ScreenId id() {
        return ScreenId.PROCEDURE;
    }

    @Override
    public Parent view() {
        return view;
    }

    public Site.Procedure procedure() {
        return procedure;
    }

    public void open(Site.Procedure p) {
        this.procedure = p;
        printResult.setText("");
        render();
    }

    @Override
    public void reset() {
        printResult.setText("");
    }

    private void render() {
        if (procedure == null) {
            return;
        }
        Site.Procedure p = procedure;
        boolean portrait = state.portrait().get();
        title.setText(state.pick(p.nameVi(), p.nameEn()));

        ImageView qr = QrCodes.view(p.portalUrl(), portrait ? 480 : 250, "procedureQr");
        Label scan = Ui.plain(state.t("procedure.scan"), "qr-caption");
        Label link = Ui.plain(p.portalUrl(), "link-text");
        link.setId("portalLink");
        link.setMaxWidth(portrait ? 900 : 300);
        qrBox.getChildren().setAll(qr, scan, link);

        Label online = Ui.plain(state.t(p.fullyOnline() ? "procedure.fullyOnline" : "procedure.partlyOnline"),
                p.fullyOnline() ? "badge-online" : "badge-offline");
        online.setId("onlineBadge");
        facts.getChildren().setAll(online,
                fact("procedure.fee", p.fee()),
                fact("procedure.timeLimit", p.timeLimit()));
        if (p.code() != null) {
            facts.getChildren().add(fact("procedure.code", p.code()));
        }
        facts.getChildren().add(Ui.plain(state.t("procedure.documents"), "fact-label"));
        if (p.documents().isEmpty()) {
            facts.getChildren().add(Ui.plain(state.t("procedure.notProvided"), "fact-value"));
        }
        for (String d : p.documents()) {
            facts.getChildren().add(Ui.plain("•  " + d, "document-item"));
        }
        Button print = Ui.button(state, "procedure.print", "printGuide", "secondary-button");
        print.setOnAction(e -> printGuide(print));
        Button ticket = Ui.button(state, "procedure.takeTicket", "ticketForProcedure", "primary-button");
        ticket.setOnAction(e -> takeTicketFor.accept(p.service()));
        ticket.setDisable(p.service() == null);
        Button back = Ui.button(state, "nav.back", "backToList", "secondary-button");
        back.setOnAction(e -> nav.go(ScreenId.PROCEDURES));
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(10, 10, ticket, print, back);
        ScrollPane factScroll = new ScrollPane(facts);
        factScroll.setFitToWidth(true);
        factScroll.getStyleClass().add("list-scroll");
        VBox right = new VBox(10, factScroll, actions, printResult);
        VBox.setVgrow(factScroll, Priority.ALWAYS);
        Pane next = portrait ? new VBox(24, qrBox, right) : new HBox(24, qrBox, right);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox.setVgrow(right, Priority.ALWAYS);
        VBox.setVgrow(next, Priority.ALWAYS);
        view.getChildren().set(1, next);
    }

    private HBox fact(String labelKey, String value) {
        Label l = Ui.plain(state.t(labelKey), "fact-label");
        Label v = Ui.plain(value == null || value.isBlank() ? state.t("procedure.notProvided") : value, "fact-value");
        HBox row = new HBox(10, l, v);
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }

    private void printGuide(Button print) {
        print.setDisable(true);
        printResult.setText(state.t("procedure.printing"));
        Ui.onFx(agent.printGuide(procedure), (ok, err) -> {
            print.setDisable(false);
            boolean printed = err == null && ok != null && ok.path("printed").asBoolean(false);
            printResult.setText(state.t(printed ? "procedure.printed" : "procedure.printFailed"));
        });
    }
}
