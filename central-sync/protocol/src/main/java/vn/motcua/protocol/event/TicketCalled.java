package vn.motcua.protocol.event;

/** An officer called a ticket to a counter. */
public record TicketCalled(String ticketId, String counter, String officerId) implements EventBody {
}
