package vn.motcua.protocol;

/** A payload that breaks the v1 contract: carries the countable reason and the offending field's path. */
public final class ProtocolException extends RuntimeException {
    private final RejectReason reason;
    private final String field;

    public ProtocolException(RejectReason reason, String field, String message) {
        super(field == null ? reason.code() + ": " + message : reason.code() + ": " + field + " " + message);
        this.reason = reason;
        this.field = field;
    }

    public RejectReason reason() {
        return reason;
    }

    /** Path of the field at fault, e.g. {@code events[3].data.ticketId}; null when the whole payload is at fault. */
    public String field() {
        return field;
    }
}
