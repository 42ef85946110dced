package vn.motcua.agent.sync;

import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.sign.Signatures;

import java.security.PublicKey;

/**
 * The first half of "only central's word deletes": an ack is central's only if it decodes, names this kiosk of this
 * site, and its signature verifies with central's public key. The second half — that it answers a batch this
 * process has in flight and goes no further than that batch — is the publisher's, which knows what it sent.
 */
final class AckCheck {
    /** Why an ack was not applied; the text goes into the log line. */
    enum Refusal {
        UNREADABLE("unreadable or unsigned"),
        OTHER_KIOSK("addressed to another kiosk"),
        BAD_SIGNATURE("bad signature"),
        NOT_IN_FLIGHT("answers no batch in flight"),
        BEYOND_SENT("beyond what was sent"),
        TOO_MANY("too many acks waiting to be applied");

        final String text;

        Refusal(String text) {
            this.text = text;
        }
    }

    /** Either a verified ack, or the refusal with what can safely be said about the message. */
    record Verdict(Ack ack, Refusal refusal, String detail) {
        boolean verified() {
            return refusal == null;
        }
    }

    private final ProtocolCodec codec;
    private final PublicKey centralKey;
    private final String siteId;
    private final String kioskId;

    AckCheck(ProtocolCodec codec, PublicKey centralKey, String siteId, String kioskId) {
        this.codec = codec;
        this.centralKey = centralKey;
        this.siteId = siteId;
        this.kioskId = kioskId;
    }

    Verdict check(byte[] payload) {
        Ack ack;
        try {
            ack = codec.decodeAck(payload);
        } catch (ProtocolException e) {
            return new Verdict(null, Refusal.UNREADABLE, printable(e.getMessage()));
        }
        if (!siteId.equals(ack.siteId()) || !kioskId.equals(ack.kioskId())) {
            return new Verdict(ack, Refusal.OTHER_KIOSK, describe(ack));
        }
        if (!Signatures.verify(centralKey, Signatures.ackBytes(ack), ack.sig())) {
            return new Verdict(ack, Refusal.BAD_SIGNATURE, describe(ack));
        }
        return new Verdict(ack, null, describe(ack));
    }

    static String describe(Ack ack) {
        return "upToSeq " + ack.upToSeq() + ", batch " + printable(ack.batchId()) + ", for "
                + printable(ack.siteId()) + "/" + printable(ack.kioskId());
    }

    /** Anyone can publish an ack: what goes into the log is cut short and stripped of anything but id characters. */
    static String printable(String s) {
        if (s == null) {
            return "-";
        }
        String clean = (s.length() > 80 ? s.substring(0, 80) : s).replaceAll("[^A-Za-z0-9._:@/' -]", "?");
        return s.length() > 80 ? clean + "…" : clean;
    }
}
