package vn.motcua.protocol.event;

/**
 * An officer finished serving a ticket; {@code serviceSeconds} runs from the call to the finish, 0 to
 * {@link #MAX_SERVICE_SECONDS}.
 */
public record TicketServed(String ticketId, String counter, String officerId, long serviceSeconds)
        implements EventBody {
    /**
     * 366 days. Real services last minutes, but a ticket left "called" over a weekend or a holiday is finished days
     * later, and that is what happened: the contract carries it. A producer clamps anything longer (only a clock set
     * wildly wrong gets there) rather than send what a consumer refuses.
     */
    public static final long MAX_SERVICE_SECONDS = 366L * 24 * 60 * 60;

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ticketServed(this);
    }
}
