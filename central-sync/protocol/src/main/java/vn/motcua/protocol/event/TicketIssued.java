package vn.motcua.protocol.event;

/** A queue ticket was issued. {@code display} is what the citizen sees, e.g. "A012"; priority may be null. */
public record TicketIssued(String ticketId, String service, int number, String display, Priority priority)
        implements EventBody {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ticketIssued(this);
    }
}
