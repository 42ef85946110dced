package vn.motcua.central.store;

/** What came of storing a quarantined event again. {@code reason}: why the database still refuses it. */
public record Readmission(Outcome outcome, String reason) {
    public enum Outcome {
        /** Stored as an event (or it was stored already); it has left the quarantine. */
        READMITTED,
        /** The database refused it again; it stays, with the new reason. */
        STILL_REFUSED,
        NOT_FOUND
    }

    public static Readmission of(Outcome outcome) {
        return new Readmission(outcome, null);
    }
}
