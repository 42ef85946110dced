package vn.motcua.app;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.util.Duration;
import vn.motcua.app.agent.AgentClient;
import vn.motcua.app.agent.AgentEvents;
import vn.motcua.app.guide.AgentSpeaker;
import vn.motcua.app.guide.Guide;
import vn.motcua.app.guide.GuideScript;
import vn.motcua.app.guide.Speaker;
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
import vn.motcua.screen.ConfigChanged;
import vn.motcua.screen.Notice;
import vn.motcua.screen.PrinterInfo;
import vn.motcua.screen.StreamEvent;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

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
    private final Speaker speaker;
    private final Guide guide;
    private PauseTransition noticeEnds;
    private boolean restartAsked;
    private boolean loadingSite;
    private boolean closed;

    /**
     * @param exit    closes the kiosk for good (the staff screen)
     * @param restart ends the process so that its service manager starts it again (central's restart command)
     */
    public Kiosk(AppConfig config, Runnable exit, Runnable restart) {
        this(config, exit, restart, AgentSpeaker::new);
    }

    /** @param speaker what says the audio guide, given the agent it gets speech from */
    public Kiosk(AppConfig config, Runnable exit, Runnable restart, Function<AgentClient, Speaker> speaker) {
        this.config = config;
        this.restart = restart;
        Texts texts = new Texts();
        this.state = new UiState(texts, config.languages());
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
        java.time.Clock time = java.time.Clock.system(config.zone());
        TicketScreen ticket = new TicketScreen(state, nav, agent, config.minutesPerTicket(), time);
        procedure = new ProcedureScreen(state, nav, agent, ticket::startFor);
        nav.register(new HomeScreen(state, nav));
        ProceduresScreen procedures = new ProceduresScreen(state, nav, procedure);
        nav.register(procedures);
        nav.register(procedure);
        nav.register(ticket);
        RatingScreen rating = new RatingScreen(state, nav, agent);
        nav.register(rating);
        nav.register(new StaffScreen(state, nav, agent, config.staffPin(), exit));
        this.shell = new Shell(state, nav, config.idleTimeout(), config.idlePromptLead(), time, this::retryNow);
        this.speaker = speaker.apply(agent);
        this.guide = new Guide(state, nav, new GuideScript(texts), this.speaker, ticket.model(), rating.model(),
                procedures::listed);
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

    public Guide guide() {
        return guide;
    }

    public Speaker speaker() {
        return speaker;
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

    private void onEvent(StreamEvent event) {
        switch (event.type()) {
            case PRINTER -> {
                PrinterInfo p = (PrinterInfo) event;
                Platform.runLater(() -> state.printer().set(p));
            }
            case CONFIG -> {
                long version = ((ConfigChanged) event).version();
                Platform.runLater(() -> {
                    if (state.site().get() == null || state.site().get().version() != version) {
                        loadSite();
                    }
                });
            }
            case NOTICE -> {
                Notice n = (Notice) event;
                String text = n.text() == null ? "" : n.text().strip();
                Instant until = instant(n.until());
                Platform.runLater(() -> showNotice(text, until));
            }
            case RESTART -> Platform.runLater(this::restartWhenIdle);
            case CALL, QUEUE, PING -> {
                // queue calls and pings are not shown on this screen
            }
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
    private static Instant instant(String until) {
        try {
            return until == null ? null : Instant.parse(until);
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
        speaker.close();
        http.shutdownNow();
    }
}
