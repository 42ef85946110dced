package vn.motcua.central.command;

/** The audit of one command: who sent what to which kiosk when, and what the kiosk answered (null while pending). */
public record CommandRecord(String id, String kioskId, String siteId, String type, String args, String issuedBy,
                            long issuedAt, long expiresAt, Boolean ok, String message, long resultAt) {
}
