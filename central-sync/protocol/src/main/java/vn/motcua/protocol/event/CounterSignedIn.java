package vn.motcua.protocol.event;

/** An officer signed in at a counter with their PIN. */
public record CounterSignedIn(String counter, String officerId) implements EventBody {
    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.counterSignedIn(this);
    }
}
