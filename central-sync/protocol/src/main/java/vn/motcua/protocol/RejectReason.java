package vn.motcua.protocol;

/** Why a consumer refused a payload. The code is what operators count and grep for. */
public enum RejectReason {
    MALFORMED_JSON("malformed_json"),
    UNKNOWN_SCHEMA("unknown_schema"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    INVALID_VALUE("invalid_value"),
    /** A text holding a control character (U+0000 included) or an unpaired surrogate; see {@link TextRules}. */
    INVALID_CHARACTER("invalid_character"),
    /** A time outside the years the contract carries; see {@link TimeWindow}. */
    TIME_OUT_OF_RANGE("time_out_of_range"),
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    TOO_MANY_EVENTS("too_many_events"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    KIOSK_MISMATCH("kiosk_mismatch"),
    BAD_TOPIC("bad_topic"),
    /** An event under a sequence number already held with another event id (another history of the kiosk id). */
    SEQ_CONFLICT("seq_conflict");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
