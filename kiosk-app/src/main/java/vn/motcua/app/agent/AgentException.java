package vn.motcua.app.agent;

/** Why a call to the agent did not succeed, in the terms the screens act on. */
public final class AgentException extends RuntimeException {
    public enum Kind {
        /** no answer, a time-out or a server error: the screen says "busy" and retries */
        UNAVAILABLE,
        /** the agent answered with a 4xx; {@link #error()} holds its error code */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final String error;

    public AgentException(Kind kind, int status, String error, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.error = error;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** The agent's {@code error} code, e.g. {@code already_rated}, {@code ticket_not_found}; null when unknown. */
    public String error() {
        return error;
    }

    public boolean is(String errorCode) {
        return errorCode.equals(error);
    }

    public static AgentException of(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof AgentException a) {
            return a;
        }
        return new AgentException(Kind.UNAVAILABLE, 0, null, "agent did not answer: " + c, c);
    }
}
