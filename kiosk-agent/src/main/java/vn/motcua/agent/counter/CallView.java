package vn.motcua.agent.counter;

/** A ticket at a counter, as the console shows it. */
public record CallView(String ticketId, String display, String service, String priority, String status,
                       String counter, String officerId, String calledAt, int callCount, Long serviceSeconds) {
}
