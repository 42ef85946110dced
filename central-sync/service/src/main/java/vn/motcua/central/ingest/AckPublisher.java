package vn.motcua.central.ingest;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.store.KioskKey;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.sign.Signatures;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Signs and publishes acks without ever blocking the caller. Each ack names the batch it answers and is signed with
 * central's key over site, kiosk, batch and sequence ({@link Signatures#ackBytes}), so a kiosk deletes events only on
 * central's word. Acks are cumulative: while a kiosk's ack waits (the client's in-flight window is full, or the
 * connection is down) a newer one that reaches as far replaces it; waiting acks go out when a publish completes or the
 * connection is back.
 */
final class AckPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AckPublisher.class);

    private final Supplier<MqttAsyncClient> client;
    private final ProtocolCodec codec;
    private final Function<byte[], String> signer;
    private final Map<KioskKey, AckRequest> waiting = new LinkedHashMap<>();

    AckPublisher(Supplier<MqttAsyncClient> client, ProtocolCodec codec, Function<byte[], String> signer) {
        this.client = client;
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
        MqttAsyncClient current = client.get();
        Iterator<Map.Entry<KioskKey, AckRequest>> it = waiting.entrySet().iterator();
        while (it.hasNext() && current.isConnected()) {
            AckRequest next = it.next().getValue();
            try {
                current.publish(next.topic(), codec.encode(signed(next)), 1, false);
                it.remove();
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    LOG.debug("ack on {} waits: {}", next.topic(), e.toString());
                }
                return;
            }
        }
    }

    synchronized int waitingCount() {
        return waiting.size();
    }
}
