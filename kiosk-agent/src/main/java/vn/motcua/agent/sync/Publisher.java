package vn.motcua.agent.sync;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.config.SyncSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.outbox.OutboxSignal;
import vn.motcua.protocol.ProtocolCodec;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread that drains the outbox to central. It publishes batches in sequence order while the number of
 * published-but-unacknowledged batches and events stays inside the in-flight window, and deletes outbox rows only
 * when central's ack covers them. After a reconnect, or when the ack stops advancing for {@code ackTimeout}, it
 * rewinds to the last acknowledged sequence and sends the rest again: central stores on (kiosk, seq), so a resend
 * is harmless, while a lost batch would otherwise stall the kiosk's sequence for good.
 */
@Context
public class Publisher implements MqttTransport.Listener, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    /** Pause before retrying when Paho would not queue a publish. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final Database db;
    private final Outbox outbox;
    private final OutboxSignal signal;
    private final MqttTransport transport;
    private final SyncSettings settings;
    private final BatchEncoder encoder;
    private final String kiosk;

    private final AtomicLong ackReceived = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    // Owned by the publisher thread.
    private long lastAckSeq;
    private long lastSentSeq;
    private long seenConnections;
    private long progressNanos;
    private final ArrayDeque<Long> inflightBatchEnds = new ArrayDeque<>();

    public Publisher(Database db, Outbox outbox, OutboxSignal signal, MqttTransport transport, SyncSettings settings,
                     KioskSettings kiosk, ProtocolCodec codec) {
        this.db = db;
        this.outbox = outbox;
        this.signal = signal;
        this.transport = transport;
        this.settings = settings;
        this.kiosk = kiosk.siteId() + "/" + kiosk.kioskId();
        this.encoder = new BatchEncoder(codec, kiosk.kioskId(), settings.batchMaxBytes());
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

    @Override
    public void acknowledged(long upToSeq) {
        ackReceived.accumulateAndGet(upToSeq, Math::max);
        signal.signal();
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
        applyAck();
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
        long inflightEvents = lastSentSeq - lastAckSeq;
        int room = (int) Math.min(settings.batchMaxEvents(), settings.inflightMaxEvents() - inflightEvents);
        if (inflightBatchEnds.size() < settings.inflightMaxBatches() && room > 0) {
            List<Outbox.Row> rows = db.transaction(c -> outbox.readAfter(c, lastSentSeq, room));
            if (!rows.isEmpty()) {
                publish(encoder.encode(rows));
                return;
            }
        }
        signal.await(waitTime());
    }

    private void publish(BatchEncoder.Batch batch) throws InterruptedException {
        // marked first: an event that may have gone out must never look unsent to the ack check
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
        inflightBatchEnds.addLast(batch.lastSeq());
        lastSentSeq = batch.lastSeq();
        LOG.debug("kiosk {}: published seq {}..{} ({} events, {} bytes)", kiosk, batch.firstSeq(), batch.lastSeq(),
                batch.events(), batch.payload().length);
    }

    private void applyAck() {
        long upTo = ackReceived.get();
        if (upTo <= lastAckSeq) {
            return;
        }
        // one transaction per ack: either central's ack is within our numbering and deletes what it covers, or it
        // goes beyond it and the waiting events are renumbered after central's history
        AckApplied applied = db.transaction(c -> {
            long lastAssigned = outbox.lastSeq(c);
            return upTo > lastAssigned || outbox.coversUnsent(c, upTo)
                    ? new AckApplied(upTo, lastAssigned, outbox.continueAfter(c, upTo))
                    : new AckApplied(outbox.acknowledge(c, upTo), lastAssigned, -1);
        });
        if (applied.renumbered() >= 0) {
            continuedAfterCentral(upTo, applied);
            return;
        }
        long stored = applied.lastAckSeq();
        if (stored > lastAckSeq) {
            lastAckSeq = stored;
            progressNanos = System.nanoTime();
            while (!inflightBatchEnds.isEmpty() && inflightBatchEnds.peekFirst() <= lastAckSeq) {
                inflightBatchEnds.removeFirst();
            }
            if (lastSentSeq < lastAckSeq) {
                lastSentSeq = lastAckSeq;
            }
            LOG.debug("kiosk {}: acked up to seq {}", kiosk, lastAckSeq);
        }
    }

    private record AckApplied(long lastAckSeq, long lastAssigned, int renumbered) {
    }

    private void continuedAfterCentral(long centralUpTo, AckApplied applied) {
        LOG.error("kiosk {}: central holds other events up to seq {} (this database numbered up to {} and had not "
                + "sent them all): its database was replaced or restored, or another kiosk uses the id {}. {} waiting "
                + "events renumbered from seq {} and sent again; none deleted", kiosk, centralUpTo,
                applied.lastAssigned(), kiosk, applied.renumbered(), centralUpTo + 1);
        lastAckSeq = centralUpTo;
        lastSentSeq = centralUpTo;
        inflightBatchEnds.clear();
        progressNanos = System.nanoTime();
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
