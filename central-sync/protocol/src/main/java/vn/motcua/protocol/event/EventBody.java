package vn.motcua.protocol.event;

/** The {@code data} of an event; its concrete type follows from the event's {@code type}. */
public sealed interface EventBody permits TicketIssued, TicketCalled, TicketServed, TicketNoShow, RatingSubmitted {
}
