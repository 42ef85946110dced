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

    /**
     * A visitor for some of the types: each method it does not override hands the body to {@link #otherwise}, which
     * by default refuses it as a type that cannot reach this visitor.
     */
    abstract class Partial<R> implements Visitor<R> {
        /** What a type this visitor does not handle gives. */
        protected R otherwise(EventBody body) {
            throw new IllegalStateException("not handled here: " + EventType.of(body).wireName());
        }

        @Override
        public R ticketIssued(TicketIssued issued) {
            return otherwise(issued);
        }

        @Override
        public R ticketCalled(TicketCalled called) {
            return otherwise(called);
        }

        @Override
        public R ticketServed(TicketServed served) {
            return otherwise(served);
        }

        @Override
        public R ticketNoShow(TicketNoShow noShow) {
            return otherwise(noShow);
        }

        @Override
        public R ratingSubmitted(RatingSubmitted rating) {
            return otherwise(rating);
        }

        @Override
        public R counterSignedIn(CounterSignedIn signedIn) {
            return otherwise(signedIn);
        }

        @Override
        public R counterSignedOut(CounterSignedOut signedOut) {
            return otherwise(signedOut);
        }
    }

    /** Hands this body to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);
}
