package vn.motcua.central.ingest;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Ack;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes acks without ever blocking the caller. Acks are cumulative, so while a kiosk's ack waits (the client's
 * in-flight window is full, or the connection is down) a newer one replaces it; waiting acks go out when a publish
 * completes or the connection is back.
 */
final class AckPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AckPublisher.class);

    private final Supplier<MqttAsyncClient> client;
    private final ProtocolCodec codec;
    private final Map<String, Long> waiting = new LinkedHashMap<>();

    AckPublisher(Supplier<MqttAsyncClient> client, ProtocolCodec codec) {
        this.client = client;
        this.codec = codec;
    }

    synchronized void publish(AckRequest ack) {
        waiting.merge(ack.topic(), ack.upToSeq(), Math::max);
        drain();
    }

    /** Sends what waits, as far as the connection and the in-flight window allow. */
    synchronized void drain() {
        MqttAsyncClient current = client.get();
        Iterator<Map.Entry<String, Long>> it = waiting.entrySet().iterator();
        while (it.hasNext() && current.isConnected()) {
            Map.Entry<String, Long> next = it.next();
            try {
                current.publish(next.getKey(), codec.encode(new Ack(next.getValue())), 1, false);
                it.remove();
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    LOG.debug("ack on {} waits: {}", next.getKey(), e.toString());
                }
                return;
            }
        }
    }

    synchronized int waitingCount() {
        return waiting.size();
    }
}
