package vn.motcua.central.ingest;

import vn.motcua.central.store.KioskKey;
import vn.motcua.protocol.Topics;

/**
 * An application-level ack to publish: everything of the kiosk up to {@code upToSeq} is held by central. It answers
 * the batch {@code batchId} ("" for a batch from an agent that names none) and never goes beyond that batch's last seq.
 */
public record AckRequest(String siteId, String kioskId, long upToSeq, String batchId) {

    public KioskKey kiosk() {
        return new KioskKey(siteId, kioskId);
    }

    public String topic() {
        return Topics.of(siteId, kioskId, Topics.ACK);
    }
}
