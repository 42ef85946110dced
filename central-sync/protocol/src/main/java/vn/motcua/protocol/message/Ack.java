package vn.motcua.protocol.message;

/** Central's word that every event of the kiosk up to {@code upToSeq} is durably stored. */
public record Ack(long upToSeq) {
}
