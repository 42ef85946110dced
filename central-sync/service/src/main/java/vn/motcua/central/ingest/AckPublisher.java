package vn.motcua.central.ingest;

import vn.motcua.central.store.KioskKey;
import vn.motcua.mqtt.MqttSession;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.sign.Signatures;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Signs and publishes acks without ever blocking the caller. Each ack names the batch it answers and is signed with
 * central's key over site, kiosk, batch and sequence ({@link Signatures#ackBytes}), so a kiosk deletes events only on
 * central's word. Acks are cumulative: while a kiosk's ack waits (the client's in-flight window is full, or the
 * connection is down) a newer one that reaches as far replaces it; waiting acks go out when a publish completes or the
 * connection is back.
 */
final class AckPublisher {
    private final MqttSession session;
    private final ProtocolCodec codec;
    private final Function<byte[], String> signer;
    private final Map<KioskKey, AckRequest> waiting = new LinkedHashMap<>();

    AckPublisher(MqttSession session, ProtocolCodec codec, Function<byte[], String> signer) {
        this.session = session;
        this.codec = codec;
        this.signer = signer;
    }

    synchronized void publish(AckRequest ack) {
        waiting.merge(ack.kiosk(), ack, (older, newer) -> newer.upToSeq() >= older.upToSeq() ? newer : older);
        drain();
    }

    /** What central sends for {@code request}: the ack with its signature. */
    Ack signed(AckRequest request) {
        Ack unsigned = new Ack(request.siteId(), request.kioskId(), request.upToSeq(), request.batchId(), null);
        return unsigned.signed(signer.apply(Signatures.ackBytes(unsigned)));
    }

    /** Sends what waits, as far as the connection and the in-flight window allow. */
    synchronized void drain() {
        Iterator<Map.Entry<KioskKey, AckRequest>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            AckRequest next = it.next().getValue();
            if (!session.publish(next.topic(), codec.encode(signed(next)), 1, false)) {
                return;
            }
            it.remove();
        }
    }

    synchronized int waitingCount() {
        return waiting.size();
    }
}
