package vn.motcua.agent.queue;

/**
 * A ticket as the screen shows it. {@code peopleAhead} counts the waiting tickets of its service issued before it.
 * {@code printed} is false when the ticket did not come out of the printer ({@code printProblem} says why: paper_out,
 * cover_open, error, offline) and the screen must show it as a QR; {@code statusUrl} is that QR, the ticket's status
 * page on the desk's LAN.
 */
public record TicketView(String ticketId, String service, int number, String display, String priority,
                         String issuedAt, int peopleAhead, Boolean printed, String printProblem, String statusUrl,
                         Integer estimatedWaitMinutes) {
    public TicketView withPrint(boolean wasPrinted, String problem, String url, Integer waitMinutes) {
        return new TicketView(ticketId, service, number, display, priority, issuedAt, peopleAhead, wasPrinted, problem,
                url, waitMinutes);
    }
}
