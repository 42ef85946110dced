package vn.motcua.protocol.event;

/** An officer's sign-in at a counter ended, for {@code reason}. */
public record CounterSignedOut(String counter, String officerId, SignOutReason reason) implements EventBody {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.counterSignedOut(this);
    }
}
