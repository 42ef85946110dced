package vn.motcua.protocol.event;

/** An officer finished serving a ticket; {@code serviceSeconds} runs from the call to the finish. */
public record TicketServed(String ticketId, String counter, String officerId, long serviceSeconds)
        implements EventBody {
}
