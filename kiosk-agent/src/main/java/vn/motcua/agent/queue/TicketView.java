package vn.motcua.agent.queue;

/** A ticket as the screen shows it. {@code peopleAhead} counts the waiting tickets of its service issued before it. */
public record TicketView(String ticketId, String service, int number, String display, String priority,
                         String issuedAt, int peopleAhead) {
}
