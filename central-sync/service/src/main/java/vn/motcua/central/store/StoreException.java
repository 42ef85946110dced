package vn.motcua.central.store;

/**
 * The database refused or could not be reached; the operation had no effect (its transaction rolled back).
 * {@link #refusedData()} tells the two apart: true when the database answered and refused what it was given (a value
 * it cannot store, a constraint), so trying the same again cannot help; false for an outage (no connection, a time-out,
 * a full pool, a lock, a full disk), which may pass.
 */
public class StoreException extends RuntimeException {
    private final boolean refusedData;

    public StoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreException(String message, Throwable cause, boolean refusedData) {
        super(message, cause);
        this.refusedData = refusedData;
    }

    public boolean refusedData() {
        return refusedData;
    }
}
