package vn.motcua.app;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.util.Duration;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.agent.AgentEvents;
import vn.motcua.app.agent.PrinterInfo;
import vn.motcua.app.home.HomeScreen;
import vn.motcua.app.procedures.ProcedureScreen;
import vn.motcua.app.procedures.ProceduresScreen;
import vn.motcua.app.rating.RatingScreen;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.shell.Shell;
import vn.motcua.app.shell.Texts;
import vn.motcua.app.shell.UiState;
import vn.motcua.app.staff.StaffScreen;
import vn.motcua.app.ticket.TicketScreen;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The kiosk's object graph: state, agent client and event stream, the screens and the shell. Built on the FX thread;
 * the application and the tests both start it this way.
 */
public final class Kiosk implements AutoCloseable {
    public static final String STYLESHEET = "/vn/motcua/app/kiosk.css";

    private final AppConfig config;
    private final UiState state;
    private final Navigator nav;
    private final AgentClient agent;
    private final AgentEvents events;
    private final Shell shell;
    private final ExecutorService http;
    private final Runnable restart;
    private PauseTransition noticeEnds;
    private boolean restartAsked;
    private boolean loadingSite;
    private boolean closed;

    /**
     * @param exit    closes the kiosk for good (the staff screen)
     * @param restart ends the process so that its service manager starts it again (central's restart command)
     */
    public Kiosk(AppConfig config, Runnable exit, Runnable restart) {
        this.config = config;
        this.restart = restart;
        this.state = new UiState(new Texts(), config.languages());
        this.nav = new Navigator();
        this.http = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        });
        this.agent = new AgentClient(config.agentUrl(), java.time.Duration.ofSeconds(2), config.requestTimeout(),
                http, this::reachable);
        this.events = new AgentEvents(agent, config.retryInterval(), this::onEvent, this::reachable);

        ProcedureScreen procedure;
        TicketScreen ticket = new TicketScreen(state, nav, agent, config.minutesPerTicket());
        procedure = new ProcedureScreen(state, nav, agent, ticket::startFor);
        nav.register(new HomeScreen(state, nav));
        nav.register(new ProceduresScreen(state, nav, procedure));
        nav.register(procedure);
        nav.register(ticket);
        nav.register(new RatingScreen(state, nav, agent));
        nav.register(new StaffScreen(state, nav, agent, config.staffPin(), exit));
        this.shell = new Shell(state, nav, config.idleTimeout(), this::retryNow);
        state.agentReachable().addListener((o, was, now) -> {
            if (now && state.site().get() == null) {
                loadSite();
            }
        });
        nav.go(ScreenId.HOME);
    }

    /** Starts talking to the agent: reads the site and follows the event stream. */
    public Kiosk start() {
        loadSite();
        events.start();
        return this;
    }

    public Parent root() {
        return shell.root();
    }

    public UiState state() {
        return state;
    }

    public Navigator navigator() {
        return nav;
    }

    public AppConfig config() {
        return config;
    }

    private void reachable(boolean up) {
        Platform.runLater(() -> {
            if (!closed) {
                state.agentReachable().set(up);
            }
        });
    }

    private void onEvent(String name, String data) {
        try {
            switch (name) {
                case "printer" -> {
                    PrinterInfo p = agent.json().readValue(data, PrinterInfo.class);
                    Platform.runLater(() -> state.printer().set(p));
                }
                case "config" -> {
                    long version = agent.json().readTree(data).path("version").asLong(-1);
                    Platform.runLater(() -> {
                        if (state.site().get() == null || state.site().get().version() != version) {
                            loadSite();
                        }
                    });
                }
                case "notice" -> {
                    JsonNode n = agent.json().readTree(data);
                    String text = n.path("text").asText("").strip();
                    Instant until = instant(n.path("until"));
                    Platform.runLater(() -> showNotice(text, until));
                }
                case "restart" -> Platform.runLater(this::restartWhenIdle);
                default -> {
                    // queue calls and pings are not shown on this screen
                }
            }
        } catch (IOException e) {
            // an event the screen cannot read changes nothing on it
        }
    }

    /** Central's notice, on the home screen until it runs out; an empty text takes it down. */
    private void showNotice(String text, Instant until) {
        if (closed) {
            return;
        }
        if (noticeEnds != null) {
            noticeEnds.stop();
            noticeEnds = null;
        }
        java.time.Duration left = until == null ? java.time.Duration.ZERO
                : java.time.Duration.between(Instant.now(), until);
        if (text.isEmpty() || left.isNegative() || left.isZero()) {
            state.centralNotice().set(null);
            return;
        }
        state.centralNotice().set(text);
        noticeEnds = new PauseTransition(Duration.millis(left.toMillis()));
        noticeEnds.setOnFinished(e -> state.centralNotice().set(null));
        noticeEnds.play();
    }

    /** Never in the middle of a citizen's ticket or rating: at once on the home screen, else when back on it. */
    private void restartWhenIdle() {
        if (closed || restartAsked) {
            return;
        }
        restartAsked = true;
        if (nav.current().get() == ScreenId.HOME) {
            restart.run();
            return;
        }
        nav.current().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends ScreenId> o, ScreenId was,
                                ScreenId now) {
                if (now == ScreenId.HOME) {
                    nav.current().removeListener(this);
                    restart.run();
                }
            }
        });
    }

    /** The agent writes a notice's end as an ISO-8601 instant. */
    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void loadSite() {
        if (loadingSite || closed) {
            return;
        }
        loadingSite = true;
        agent.site().whenComplete((site, err) -> Platform.runLater(() -> {
            loadingSite = false;
            if (closed) {
                return;
            }
            if (err == null) {
                state.site().set(site);
            } else if (state.site().get() == null) {
                PauseTransition again = new PauseTransition(Duration.millis(config.retryInterval().toMillis()));
                again.setOnFinished(e -> loadSite());
                again.play();
            }
        }));
    }

    private void retryNow() {
        agent.status();
        loadSite();
    }

    @Override
    public void close() {
        closed = true;
        if (noticeEnds != null) {
            noticeEnds.stop();
        }
        events.close();
        http.shutdownNow();
    }
}
