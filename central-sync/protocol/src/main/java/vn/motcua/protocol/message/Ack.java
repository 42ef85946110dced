package vn.motcua.protocol.message;

/**
 * Central's word that every event of the kiosk up to {@code upToSeq} is durably stored. It answers one batch
 * ({@code batchId}, chosen by the kiosk when it published), never goes beyond that batch's last sequence, and is
 * signed by central over the site, kiosk, batch and sequence: a kiosk deletes events only on an ack it can verify
 * and that answers a batch it has in flight, so neither a forged nor a replayed ack can delete anything.
 */
public record Ack(String siteId, String kioskId, long upToSeq, String batchId, String sig) {

    /** The same ack with its signature. */
    public Ack signed(String signature) {
        return new Ack(siteId, kioskId, upToSeq, batchId, signature);
    }
}
