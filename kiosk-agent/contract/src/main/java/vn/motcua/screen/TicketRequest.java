package vn.motcua.screen;

/**
 * {@code POST /api/tickets}: a ticket for the service with this letter; {@code priority} is null or one of
 * elderly, disabled, pregnant, child, other. Sent with an {@code Idempotency-Key} header.
 */
public record TicketRequest(String service, String priority) {
}
