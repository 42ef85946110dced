package vn.motcua.protocol.event;

/** A called citizen did not come to the counter. */
public record TicketNoShow(String ticketId, String counter) implements EventBody {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ticketNoShow(this);
    }
}
