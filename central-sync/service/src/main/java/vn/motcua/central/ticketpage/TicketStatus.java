package vn.motcua.central.ticketpage;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Where one ticket stands, as its public page shows it: nothing personal, only the queue.
 *
 * @param state      {@code waiting}, {@code called}, {@code served} or {@code no_show}
 * @param counter    the counter that called, served or missed it; null while waiting
 * @param ahead      tickets of its service issued before it and still waiting (0 once called)
 * @param waitMinutes the estimated wait while waiting
 * @param figuresAt  when the kiosk was last heard, if that is longer ago than the page's limit; null otherwise
 * @param alertAhead how many places from the front the page alerts
 */
public record TicketStatus(String display, String serviceVi, String serviceEn, String state, @Nullable String counter,
                           int ahead, int waitMinutes, @Nullable Instant figuresAt, int alertAhead) {

    public boolean waiting() {
        return "waiting".equals(state);
    }

    public boolean called() {
        return "called".equals(state);
    }

    public boolean served() {
        return "served".equals(state);
    }

    public boolean missed() {
        return "no_show".equals(state);
    }

    /** Whether the page should alert: called, or waiting within the site's alert distance. */
    public boolean near() {
        return waiting() && ahead <= alertAhead;
    }
}
