package vn.motcua.central.ingest;

/** An application-level ack to publish: everything of the kiosk on {@code topic} up to {@code upToSeq} is stored. */
public record AckRequest(String topic, long upToSeq) {
}
