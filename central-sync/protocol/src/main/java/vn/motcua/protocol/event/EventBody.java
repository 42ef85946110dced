package vn.motcua.protocol.event;

/** The {@code data} of an event; its concrete type follows from the event's {@code type}. */
public sealed interface EventBody permits TicketIssued, TicketCalled, TicketServed, TicketNoShow, RatingSubmitted,
        CounterSignedIn, CounterSignedOut {

    /**
     * What a consumer does with each type of body. A new event type adds its method here, so every consumer stops
     * compiling until it says what the new type means to it: Java 17 checks no {@code switch} over a sealed type.
     */
    interface Visitor<R> {
        R ticketIssued(TicketIssued issued);

        R ticketCalled(TicketCalled called);

        R ticketServed(TicketServed served);

        R ticketNoShow(TicketNoShow noShow);

        R ratingSubmitted(RatingSubmitted rating);

        R counterSignedIn(CounterSignedIn signedIn);

        R counterSignedOut(CounterSignedOut signedOut);
    }

    /** Hands this body to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);
}
