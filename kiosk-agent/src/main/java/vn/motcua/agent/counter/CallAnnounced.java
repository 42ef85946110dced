package vn.motcua.agent.counter;

/** The body of a {@code call} event on the kiosk event bus: the hall display and the screen announce it. */
public record CallAnnounced(String display, String counter, String counterName, String at, boolean recall) {
}
