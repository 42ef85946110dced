package vn.motcua.agent.support;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.message.KioskStatus;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays central-sync with plain Paho: receives the kiosk's batches (decoded strictly by the contract's codec) and
 * status messages, and acks on demand, or automatically as central does: the highest contiguous sequence it holds,
 * never beyond the last sequence of the batch it answers, naming that batch's id, signed with central's key.
 */
public final class CentralStub implements MqttCallback, AutoCloseable {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final MqttAsyncClient client;
    private final CentralKeys keys;
    private final String siteId;
    private final String kioskId;
    private final String ackTopic;
    private final List<EventBatch> batches = new CopyOnWriteArrayList<>();
    private final List<byte[]> acksSent = new CopyOnWriteArrayList<>();
    private final List<KioskStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicBoolean autoAck = new AtomicBoolean();
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong contiguous;

    public CentralStub(String brokerUrl, CentralKeys keys, String siteId, String kioskId) throws MqttException {
        this(brokerUrl, keys, siteId, kioskId, 0);
    }

    /** @param storedUpTo the sequence up to which central already holds everything (it joins late) */
    public CentralStub(String brokerUrl, CentralKeys keys, String siteId, String kioskId, long storedUpTo)
            throws MqttException {
        this.keys = keys;
        this.siteId = siteId;
        this.kioskId = kioskId;
        this.contiguous = new AtomicLong(storedUpTo);
        this.ackTopic = Topics.of(siteId, kioskId, Topics.ACK);
        client = new MqttAsyncClient(brokerUrl, "central-stub-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(5000);
        client.subscribe(new String[]{Topics.of(siteId, kioskId, Topics.EVENTS), Topics.of(siteId, kioskId, Topics.STATUS)},
                new int[]{1, 1}).waitForCompletion(5000);
    }

    public CentralStub autoAck(boolean on) {
        autoAck.set(on);
        return this;
    }

    /** Acks up to {@code upToSeq}, answering the newest batch received that reaches that far (or the newest). */
    public byte[] ack(long upToSeq) throws MqttException {
        List<EventBatch> received = List.copyOf(batches);
        if (received.isEmpty()) {
            throw new IllegalStateException("no batch received yet: an ack answers a batch");
        }
        EventBatch answered = received.get(received.size() - 1);
        for (int i = received.size() - 1; i >= 0; i--) {
            if (lastSeq(received.get(i)) >= upToSeq) {
                answered = received.get(i);
                break;
            }
        }
        return ack(answered, upToSeq);
    }

    /** Signs and publishes central's ack of {@code batch} up to {@code upToSeq}; returns the bytes published. */
    public byte[] ack(EventBatch batch, long upToSeq) throws MqttException {
        byte[] ack = keys.ack(siteId, kioskId, batch.batchId(), upToSeq);
        publishOnAckTopic(ack);
        return ack;
    }

    /** Publishes anything on the kiosk's ack topic, as anyone on the broker could. */
    public void publishOnAckTopic(byte[] payload) throws MqttException {
        acksSent.add(payload);
        client.publish(ackTopic, payload, 1, false).waitForCompletion(5000);
    }

    /** Every ack this stub published, in order. */
    public List<byte[]> acksSent() {
        return acksSent;
    }

    public static long lastSeq(EventBatch batch) {
        return batch.events().get(batch.events().size() - 1).seq();
    }

    public List<EventBatch> batches() {
        return batches;
    }

    public List<KioskEvent> events() {
        return batches.stream().flatMap(b -> b.events().stream()).toList();
    }

    public long timesReceived(long seq) {
        return events().stream().filter(e -> e.seq() == seq).count();
    }

    public boolean received(long seq) {
        return batches.stream().anyMatch(b -> b.events().stream().anyMatch(e -> e.seq() == seq));
    }

    public List<KioskStatus> statuses() {
        return statuses;
    }

    public List<String> rejected() {
        return rejected;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            if (topic.endsWith("/" + Topics.STATUS)) {
                statuses.add(codec.decodeStatus(message.getPayload()));
                return;
            }
            EventBatch batch = codec.decodeEventBatch(message.getPayload(), kioskId);
            batches.add(batch);
            batch.events().forEach(e -> held.add(e.seq()));
            long upTo = Math.min(advanceContiguous(), lastSeq(batch));
            if (autoAck.get()) {
                byte[] ack = keys.ack(siteId, kioskId, batch.batchId(), upTo);
                acksSent.add(ack);
                client.publish(ackTopic, ack, 1, false);
            }
        } catch (RuntimeException | MqttException e) {
            rejected.add(topic + ": " + e.getMessage());
        }
    }

    private synchronized long advanceContiguous() {
        long c = contiguous.get();
        while (held.contains(c + 1)) {
            c++;
        }
        contiguous.set(c);
        return c;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may already be gone
        }
    }
}
