package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A ticket the agent has committed ({@code POST /api/tickets}), as the screen shows it. {@code peopleAhead} counts
 * the waiting tickets of its service issued before it. {@code printed} is false when the ticket did not come out of
 * the printer ({@code printProblem} says why: paper_out, cover_open, error, offline) and the screen must show it as a
 * QR; {@code statusUrl} is that QR, the ticket's status page. {@code printed}, {@code printProblem},
 * {@code statusUrl} and {@code estimatedWaitMinutes} are null from an agent that does not report them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketView(String ticketId, String service, int number, String display, String priority,
                         String issuedAt, int peopleAhead, Boolean printed, String printProblem, String statusUrl,
                         Integer estimatedWaitMinutes) {
    public TicketView(String ticketId, String service, int number, String display, String priority, String issuedAt,
                      int peopleAhead, Boolean printed, String printProblem, String statusUrl) {
        this(ticketId, service, number, display, priority, issuedAt, peopleAhead, printed, printProblem, statusUrl,
                null);
    }

    public TicketView withPrint(boolean wasPrinted, String problem, String url, Integer waitMinutes) {
        return new TicketView(ticketId, service, number, display, priority, issuedAt, peopleAhead, wasPrinted, problem,
                url, waitMinutes);
    }
}
