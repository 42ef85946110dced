package vn.motcua.app.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A ticket the agent has committed ({@code POST /api/tickets}). {@code printed}, {@code printProblem} and
 * {@code statusUrl} are null from an agent that does not report printing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ticket(String ticketId, String service, int number, String display, String priority, String issuedAt,
                     int peopleAhead, Boolean printed, String printProblem, String statusUrl,
                     Integer estimatedWaitMinutes) {
    public Ticket(String ticketId, String service, int number, String display, String priority, String issuedAt,
                  int peopleAhead, Boolean printed, String printProblem, String statusUrl) {
        this(ticketId, service, number, display, priority, issuedAt, peopleAhead, printed, printProblem, statusUrl,
                null);
    }
}
