package vn.motcua.agent.sync;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CentralPublicKey;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.config.SyncSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.outbox.OutboxSignal;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Ack;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread that drains the outbox to central. It publishes batches in sequence order while the number of
 * published-but-unacknowledged batches and events stays inside the in-flight window, and deletes outbox rows only on
 * central's word: an ack signed by central for this kiosk (checked on arrival, {@link AckCheck}) that answers a batch
 * this process published, by the id it gave that publication, and goes no further than that batch's last sequence.
 * Any other ack is refused, logged and counted, and changes nothing. After a reconnect, or when the ack stops
 * advancing for {@code ackTimeout}, it rewinds to the last acknowledged sequence and sends the rest again under new
 * batch ids: central is idempotent on the event id, so a resend is harmless, while a lost batch would otherwise stall
 * the kiosk's sequence for good. Sequence numbers are the kiosk's own and are never changed.
 */
@Context
public class Publisher implements MqttTransport.Listener, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    /** Pause before retrying when Paho would not queue a publish. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    /** Verified acks waiting for the publisher thread; a flood of replays beyond this is dropped. */
    private static final int ACK_QUEUE_MAX = 1024;
    /** Batch ids remembered, in windows: a late answer to a batch sent before a rewind still counts. */
    private static final int SENT_MEMORY_WINDOWS = 4;
    private static final int SENT_MEMORY_MIN = 64;
    /** Log lines about refused acks, per reason and minute: a flood must not fill the SD card. The count is exact. */
    private static final int REFUSAL_LOG_LINES_PER_MINUTE = 20;
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final Database db;
    private final Outbox outbox;
    private final OutboxSignal signal;
    private final MqttTransport transport;
    private final SyncSettings settings;
    private final BatchEncoder encoder;
    private final AckCheck ackCheck;
    private final String kiosk;

    private final BlockingQueue<Ack> acks = new LinkedBlockingQueue<>(ACK_QUEUE_MAX);
    private final AtomicLong acksRefused = new AtomicLong();
    private final Map<AckCheck.Refusal, long[]> refusalLog = new EnumMap<>(AckCheck.Refusal.class);
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    // Owned by the publisher thread.
    private long lastAckSeq;
    private long lastSentSeq;
    private long seenConnections;
    private long progressNanos;
    private final ArrayDeque<Long> inflightBatchEnds = new ArrayDeque<>();
    private final Map<String, SentBatch> sent;

    public Publisher(Database db, Outbox outbox, OutboxSignal signal, MqttTransport transport, SyncSettings settings,
                     KioskSettings kiosk, ProtocolCodec codec, CentralPublicKey centralKey) {
        this.db = db;
        this.outbox = outbox;
        this.signal = signal;
        this.transport = transport;
        this.settings = settings;
        this.kiosk = kiosk.siteId() + "/" + kiosk.kioskId();
        this.encoder = new BatchEncoder(codec, kiosk.kioskId(), settings.batchMaxBytes());
        this.ackCheck = settings.enabled()
                ? new AckCheck(codec, centralKey.requiredForSync(), kiosk.siteId(), kiosk.kioskId())
                : null;
        int remembered = Math.max(SENT_MEMORY_MIN, SENT_MEMORY_WINDOWS * settings.inflightMaxBatches());
        this.sent = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SentBatch> eldest) {
                return size() > remembered;
            }
        };
    }

    /** One publication of a run of events, by the batch id written into it. */
    private record SentBatch(long firstSeq, long lastSeq) {
    }

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            LOG.info("kiosk {}: sync disabled (agent.sync.enabled=false); events stay in the outbox", kiosk);
            return;
        }
        lastAckSeq = db.transaction(outbox::lastAckSeq);
        lastSentSeq = lastAckSeq;
        running = true;
        thread = new Thread(this, "outbox-publisher");
        thread.start();
        transport.start(this);
    }

    @Override
    public void connected() {
        connections.incrementAndGet();
        signal.signal();
    }

    /** Checks identity and signature here, on Paho's thread; what the ack answers is the publisher thread's call. */
    @Override
    public void ackArrived(byte[] payload) {
        AckCheck.Verdict verdict = ackCheck.check(payload);
        if (!verdict.verified()) {
            refused(verdict.refusal(), verdict.detail());
            return;
        }
        if (!acks.offer(verdict.ack())) {
            refused(AckCheck.Refusal.TOO_MANY, verdict.detail() + " (" + ACK_QUEUE_MAX + " already waiting)");
            return;
        }
        signal.signal();
    }

    /** Acks not applied since start: unreadable, forged, another kiosk's, replayed, or beyond what was sent. */
    public long acksRefused() {
        return acksRefused.get();
    }

    private void refused(AckCheck.Refusal why, String detail) {
        long total = acksRefused.incrementAndGet();
        long unlogged = logLineFor(why);
        if (unlogged >= 0) {
            LOG.warn("kiosk {}: ack refused, {}: {}; nothing deleted, numbering unchanged ({} refused since start{})",
                    kiosk, why.text, detail, total, unlogged > 0 ? "; " + unlogged + " more like it in the minute before were not logged" : "");
        }
    }

    /** -1 when this refusal is not logged; else how many of its kind were not logged in the previous minute. */
    private long logLineFor(AckCheck.Refusal why) {
        long now = System.nanoTime();
        synchronized (refusalLog) {
            long[] window = refusalLog.computeIfAbsent(why, r -> new long[]{now, 0, 0}); // start, logged, skipped
            long skippedBefore = 0;
            if (now - window[0] >= MINUTE_NANOS) {
                skippedBefore = window[2];
                window[0] = now;
                window[1] = 0;
                window[2] = 0;
            }
            if (window[1] >= REFUSAL_LOG_LINES_PER_MINUTE) {
                window[2]++;
                return -1;
            }
            window[1]++;
            return skippedBefore;
        }
    }

    @Override
    public void run() {
        LOG.info("kiosk {}: publisher started after last acked seq {}", kiosk, lastAckSeq);
        while (running) {
            try {
                step();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("kiosk {}: publisher step failed; retrying", kiosk, e);
                pause(settings.idleWait());
            }
        }
        LOG.info("kiosk {}: publisher stopped at last sent seq {}, last acked seq {}", kiosk, lastSentSeq, lastAckSeq);
    }

    private void step() throws InterruptedException {
        applyAcks();
        if (!transport.isConnected()) {
            signal.await(settings.idleWait());
            return;
        }
        long seen = connections.get();
        if (seen != seenConnections) {
            seenConnections = seen;
            rewind("connected");
        }
        if (!inflightBatchEnds.isEmpty() && System.nanoTime() - progressNanos > settings.ackTimeout().toNanos()) {
            rewind("no ack within " + settings.ackTimeout().toMillis() + " ms");
        }
        long inflightEvents = Math.subtractExact(lastSentSeq, lastAckSeq);
        int room = (int) Math.max(0, Math.min(settings.batchMaxEvents(), settings.inflightMaxEvents() - inflightEvents));
        if (inflightBatchEnds.size() < settings.inflightMaxBatches() && room > 0) {
            List<Outbox.Row> rows = db.transaction(c -> outbox.readAfter(c, lastSentSeq, room));
            if (!rows.isEmpty()) {
                publish(encoder.encode(rows, UUID.randomUUID().toString()));
                return;
            }
        }
        signal.await(waitTime());
    }

    private void publish(BatchEncoder.Batch batch) throws InterruptedException {
        db.transaction(c -> {
            outbox.markPublished(c, batch.firstSeq(), batch.lastSeq());
            return null;
        });
        if (!transport.publishEvents(batch.payload())) {
            signal.await(RETRY_PAUSE);
            return;
        }
        if (inflightBatchEnds.isEmpty()) {
            progressNanos = System.nanoTime();
        }
        sent.put(batch.batchId(), new SentBatch(batch.firstSeq(), batch.lastSeq()));
        inflightBatchEnds.addLast(batch.lastSeq());
        lastSentSeq = batch.lastSeq();
        LOG.debug("kiosk {}: published seq {}..{} as batch {} ({} events, {} bytes)", kiosk, batch.firstSeq(),
                batch.lastSeq(), batch.batchId(), batch.events(), batch.payload().length);
    }

    private void applyAcks() {
        for (Ack ack = acks.poll(); ack != null; ack = acks.poll()) {
            apply(ack);
        }
    }

    private void apply(Ack ack) {
        SentBatch batch = sent.get(ack.batchId());
        if (batch == null) {
            refused(AckCheck.Refusal.NOT_IN_FLIGHT, AckCheck.describe(ack)
                    + " (a replay, or an answer to a batch of an earlier run or an older copy of this database)");
            return;
        }
        if (ack.upToSeq() > batch.lastSeq()) {
            refused(AckCheck.Refusal.BEYOND_SENT, AckCheck.describe(ack) + ", whose events were seq "
                    + batch.firstSeq() + ".." + batch.lastSeq());
            return;
        }
        if (ack.upToSeq() <= lastAckSeq) {
            return; // a late answer: everything it covers is acknowledged already
        }
        long stored = db.transaction(c -> outbox.acknowledge(c, ack.upToSeq()));
        if (stored > lastAckSeq) {
            lastAckSeq = stored;
            progressNanos = System.nanoTime();
            while (!inflightBatchEnds.isEmpty() && inflightBatchEnds.peekFirst() <= lastAckSeq) {
                inflightBatchEnds.removeFirst();
            }
            if (lastSentSeq < lastAckSeq) {
                lastSentSeq = lastAckSeq;
            }
            LOG.debug("kiosk {}: acked up to seq {} (batch {})", kiosk, lastAckSeq, ack.batchId());
        }
    }

    private void rewind(String why) {
        if (lastSentSeq > lastAckSeq) {
            LOG.info("kiosk {}: {}; sending again from seq {} (was sent up to {})", kiosk, why, lastAckSeq + 1,
                    lastSentSeq);
        }
        lastSentSeq = lastAckSeq;
        inflightBatchEnds.clear();
        progressNanos = System.nanoTime();
    }

    private Duration waitTime() {
        if (inflightBatchEnds.isEmpty()) {
            return settings.idleWait();
        }
        long untilTimeout = progressNanos + settings.ackTimeout().toNanos() - System.nanoTime();
        return Duration.ofNanos(Math.max(1_000_000, Math.min(untilTimeout + 1_000_000, settings.idleWait().toNanos())));
    }

    private void pause(Duration d) {
        try {
            signal.await(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread, then says goodbye to the broker (retained offline status, clean disconnect). */
    @PreDestroy
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        signal.signal();
        try {
            thread.join(settings.shutdownTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.stop();
    }
}
