package vn.motcua.app.rating;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** One rating in progress: who is rated, the level, the reasons, and the key that makes a retry the same rating. */
public final class RatingModel {
    public enum Step { IDENTIFY, LOOKING_UP, PICK, LEVELS, REASONS, SENDING, THANKS, ALREADY_RATED, FAILED }

    private Step step = Step.IDENTIFY;
    private String message;
    private String ticketId;
    private String ticketDisplay;
    private String counter;
    private String officerId;
    private String officerName;
    private Level level;
    private final Set<String> reasons = new LinkedHashSet<>();
    private String pendingKey;

    public Step step() {
        return step;
    }

    public void step(Step s) {
        this.step = s;
    }

    /** A text key for a message shown on the identify step (e.g. ticket not found), or null. */
    public String message() {
        return message;
    }

    public void message(String key) {
        this.message = key;
    }

    public String ticketId() {
        return ticketId;
    }

    public String ticketDisplay() {
        return ticketDisplay;
    }

    public String counter() {
        return counter;
    }

    public String officerId() {
        return officerId;
    }

    public String officerName() {
        return officerName;
    }

    public Level level() {
        return level;
    }

    public List<String> reasons() {
        return List.copyOf(reasons);
    }

    public void ticket(String id, String display, String counterId, String officer, String officerDisplayName) {
        this.ticketId = id;
        this.ticketDisplay = display;
        this.counter = counterId;
        this.officerId = officer;
        this.officerName = officerDisplayName;
        this.message = null;
        step = Step.LEVELS;
    }

    public void picked(String counterId, String officer, String officerDisplayName) {
        this.ticketId = null;
        this.ticketDisplay = null;
        this.counter = counterId;
        this.officerId = officer;
        this.officerName = officerDisplayName;
        step = Step.LEVELS;
    }

    public void level(Level l) {
        this.level = l;
        reasons.clear();
        step = l.low() ? Step.REASONS : Step.SENDING;
    }

    public void toggleReason(String code, boolean on) {
        if (on) {
            reasons.add(code);
        } else {
            reasons.remove(code);
        }
    }

    public void clearReasons() {
        reasons.clear();
    }

    /** Starts sending; a retry after a failure keeps the key, so the agent stores the rating once. */
    public String send(Supplier<String> newKey) {
        if (step != Step.FAILED || pendingKey == null) {
            pendingKey = newKey.get();
        }
        step = Step.SENDING;
        return pendingKey;
    }

    public String pendingKey() {
        return pendingKey;
    }

    /** Whether the rating names a counter/officer picked by hand rather than a ticket. */
    public boolean picked() {
        return ticketId == null;
    }

    public void reset() {
        step = Step.IDENTIFY;
        message = null;
        ticketId = null;
        ticketDisplay = null;
        counter = null;
        officerId = null;
        officerName = null;
        level = null;
        reasons.clear();
        pendingKey = null;
    }
}
