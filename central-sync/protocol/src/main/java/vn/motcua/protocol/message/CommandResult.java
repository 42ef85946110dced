package vn.motcua.protocol.message;

/** What the agent did with a command. */
public record CommandResult(String id, boolean ok, String message) {
}
