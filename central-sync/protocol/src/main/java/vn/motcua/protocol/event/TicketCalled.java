package vn.motcua.protocol.event;

/** An officer called a ticket to a counter. */
public record TicketCalled(String ticketId, String counter, String officerId) implements EventBody {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ticketCalled(this);
    }
}
