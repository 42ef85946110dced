package vn.motcua.app.guide;

import javafx.beans.Observable;
import vn.motcua.app.rating.RatingModel;
import vn.motcua.app.rating.RatingScreen;
import vn.motcua.app.shell.Lang;
import vn.motcua.app.shell.Navigator;
import vn.motcua.app.shell.UiState;
import vn.motcua.app.ticket.TicketModel;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.screen.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The audio guide: while the citizen has it on, each screen (and each step of a screen) is said as
 * {@link GuideScript} plans it, the previous screen's speech cut off. It is turned on for one session: the session's
 * end (the idle time-out, or home at the end of a flow) turns it off. Lives on the FX thread.
 */
public final class Guide {
    private final UiState state;
    private final Navigator nav;
    private final GuideScript script;
    private final Speaker speaker;
    private final TicketModel ticket;
    private final RatingModel rating;
    private final Supplier<List<Site.Procedure>> listedProcedures;
    private final List<List<Utterance>> said = new ArrayList<>();
    private List<Utterance> last;

    /** @param listedProcedures the procedures the procedures screen lists now, in its order */
    public Guide(UiState state, Navigator nav, GuideScript script, Speaker speaker, TicketModel ticket,
                 RatingModel rating, Supplier<List<Site.Procedure>> listedProcedures) {
        this.state = state;
        this.nav = nav;
        this.script = script;
        this.speaker = speaker;
        this.ticket = ticket;
        this.rating = rating;
        this.listedProcedures = listedProcedures;
        nav.onSessionEnd(() -> state.guideOn().set(false));
        state.guideOn().addListener((o, was, on) -> turned(on));
        state.askingForMoreTime().addListener((o, was, asking) -> {
            if (asking && state.guideOn().get()) {
                say(script.phrases(state.lang().get(), "idle.question", "idle.hint"));
            }
        });
        // the question cut the screen off: once the citizen has the time, the screen is said again from its title
        state.timeExtended().addListener(o -> {
            if (state.guideOn().get() && nav.current().get() != null) {
                say(plan());
            }
        });
        for (Observable change : List.of(nav.current(), nav.redraws(), state.lang(), state.portrait(), state.site(),
                state.printer())) {
            change.addListener(o -> sayScreen());
        }
    }

    /** Every plan handed to the speaker this far, oldest first. */
    public List<List<Utterance>> said() {
        return List.copyOf(said);
    }

    private void turned(boolean on) {
        last = null;
        if (!on) {
            speaker.stop();
            return;
        }
        List<Utterance> plan = new ArrayList<>(script.turnedOn(state.lang().get()));
        plan.addAll(plan());
        say(plan);
    }

    private void sayScreen() {
        if (!state.guideOn().get() || nav.current().get() == null) {
            return;
        }
        List<Utterance> plan = plan();
        if (!plan.equals(last)) { // the same screen drawn again (e.g. a priority chosen) is not said again
            say(plan);
        }
        last = plan;
    }

    private void say(List<Utterance> plan) {
        last = plan;
        said.add(List.copyOf(plan));
        speaker.say(plan);
    }

    private List<Utterance> plan() {
        Lang lang = state.lang().get();
        boolean portrait = state.portrait().get();
        Site site = state.site().get();
        return switch (nav.current().get()) {
            case HOME -> script.home(lang, portrait);
            case PROCEDURES -> script.procedures(lang, listedProcedures.get(),
                    site == null ? List.of() : site.fields());
            case PROCEDURE -> script.phrases(lang, "guide.procedure");
            case STAFF -> script.phrases(lang, "staff.title");
            case TICKET -> switch (ticket.step()) {
                case CHOOSE -> script.ticketChoice(lang, TicketScreen.PRIORITIES, site == null ? List.of()
                        : site.services().stream()
                        .filter(s -> ticket.preselected() == null || ticket.preselected().equals(s.prefix()))
                        .toList(), portrait);
                case ISSUING -> script.phrases(lang, "ticket.issuing");
                case DONE -> script.ticketIssued(lang, ticket.ticket(), ticket.showAsQr(state.printer().get()));
                case FAILED -> script.phrases(lang, "ticket.failed", "ticket.failedHint");
            };
            case RATING -> switch (rating.step()) {
                case IDENTIFY -> script.phrases(lang, "rating.identify.title", "rating.identify.how");
                case LOOKING_UP, SENDING -> List.of();
                case PICK -> script.phrases(lang, "rating.pick.title");
                case LEVELS -> script.ratingLevels(lang, site == null ? 5 : site.ratingScale(), portrait);
                case REASONS -> script.ratingReasons(lang, RatingScreen.REASONS);
                case THANKS -> script.phrases(lang, "rating.thanks");
                case ALREADY_RATED -> script.phrases(lang, "rating.already");
                case FAILED -> script.phrases(lang, "rating.failed");
            };
        };
    }
}
