package vn.motcua.central.ingest;

/** The store kept failing for the whole retry budget; the message must not be acknowledged to the broker. */
public class StoreUnavailableException extends Exception {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
