package vn.motcua.central.command;

/**
 * The audit of one command: who sent what to which kiosk when, and what the kiosk answered (null while none).
 * {@code state} is {@code ok} or {@code failed} once answered; unanswered it is {@code pending} until
 * {@code expiresAt}, then {@code expired}: the kiosk refuses a command past its expiry, so none will run after it.
 * A result that still arrives later (queued by the broker while central was down) is shown all the same.
 */
public record CommandRecord(String id, String kioskId, String siteId, String type, String args, String issuedBy,
                            long issuedAt, long expiresAt, Boolean ok, String message, long resultAt, String state) {

    public static final String PENDING = "pending";
    public static final String EXPIRED = "expired";

    public static String stateOf(Boolean ok, long expiresAt, long now) {
        if (ok != null) {
            return ok ? "ok" : "failed";
        }
        return now >= expiresAt ? EXPIRED : PENDING;
    }
}
