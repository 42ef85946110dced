package vn.motcua.central.store;

/** The database refused or could not be reached; the operation had no effect (its transaction rolled back). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
