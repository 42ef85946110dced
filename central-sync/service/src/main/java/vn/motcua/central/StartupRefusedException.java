package vn.motcua.central;

/** A start-up condition the operator must fix; the message says what and how. */
public class StartupRefusedException extends RuntimeException {
    private final int exitCode;

    public StartupRefusedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
