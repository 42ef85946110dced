package vn.motcua.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketIssued;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Sustained ingest into PostgreSQL and into SQLite (publish → stored → acked), against the raw broker's QoS 1
 * throughput with the very same payloads through the same broker, in one run. Events per batch:
 * {@code -Dbench.batchEvents} (default 50); kiosks {@code -Dbench.kiosks} (10); batches per kiosk
 * {@code -Dbench.batches} (200); how often the report rollups run during it {@code -Dbench.rollupEvery} (1h: not
 * during the measurement); ingest connections per central instance to compare ({@code INGEST_CONNECTIONS})
 * {@code -Dbench.connections} (1,2,4).
 */
class CentralIngestBenchmark {
    private static final int BATCH = Integer.getInteger("bench.batchEvents", 50);
    private static final int KIOSKS = Integer.getInteger("bench.kiosks", 10);
    private static final int BATCHES = Integer.getInteger("bench.batches", 200);
    private static final String SITE = "bench";
    private static final List<Integer> CONNECTIONS = java.util.Arrays.stream(
            System.getProperty("bench.connections", "1,2,4").split(",")).map(String::trim).map(Integer::valueOf)
            .toList();

    private Path work;

    @BeforeEach
    void runFolder(TestInfo test) throws java.io.IOException {
        work = RunFolder.of(test);
    }
    private final List<ManagedProcess> started = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        started.forEach(ManagedProcess::stop);
        for (String database : databases) {
            try (Connection c = DriverManager.getConnection(Postgres.adminUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void ingestAgainstRawBroker() throws Exception {
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        ProtocolCodec codec = new ProtocolCodec();
        List<String> kiosks = new ArrayList<>();
        for (int k = 0; k < KIOSKS; k++) {
            kiosks.add("kiosk-" + k);
        }
        // interleave kiosks as a fleet would: batch 1 of every kiosk, then batch 2, …
        List<String> eventTopics = new ArrayList<>();
        List<String> rawTopics = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.now();
        for (int b = 0; b < BATCHES; b++) {
            for (String kiosk : kiosks) {
                List<KioskEvent> events = new ArrayList<>(BATCH);
                for (int i = 1; i <= BATCH; i++) {
                    long seq = (long) b * BATCH + i;
                    events.add(new KioskEvent(seq, UUID.randomUUID(), EventType.TICKET_ISSUED, at, true,
                            "boot-1", seq * 1000, new TicketIssued(UUID.randomUUID().toString(), "A",
                            (int) (seq % 9999) + 1, String.format("A%03d", seq % 999 + 1), null)));
                }
                // named as an agent names its publications: the signed ack repeats the batch id
                payloads.add(codec.encode(EventBatch.of(kiosk, events, UUID.randomUUID().toString())));
                eventTopics.add(Topics.of(SITE, kiosk, Topics.EVENTS));
                rawTopics.add("bench/raw/" + kiosk);
            }
        }
        long total = (long) KIOSKS * BATCHES * BATCH;
        long bytes = payloads.stream().mapToLong(p -> p.length).sum();
        System.out.printf("BENCH payloads: %d messages of %d events (%.1f KiB each), %d events%n", payloads.size(),
                BATCH, bytes / 1024.0 / payloads.size(), total);

        double raw = rawBroker(broker, rawTopics, payloads, total);
        // A fresh broker per measurement: a stopped central instance keeps its persistent session in the shared
        // group, and the broker would go on queueing a share of the messages for it.
        List<String> lines = new ArrayList<>();
        for (int connections : CONNECTIONS) {
            broker = restartFresh(broker, "pg-" + connections);
            String database = Postgres.createFreshDatabase("central_bench");
            databases.add(database);
            double pg = ingest(CentralSync.create("central-bench-pg" + connections, broker.url(), 0,
                    Postgres.url(database), work), connections, broker, eventTopics, payloads, kiosks, total);
            broker = restartFresh(broker, "sqlite-" + connections);
            double sqlite = ingest(CentralSync.create("central-bench-sqlite" + connections, broker.url(), 0,
                    "jdbc:sqlite:" + work.resolve("central-bench-" + connections + ".db"), work), connections, broker,
                    eventTopics, payloads, kiosks, total);
            lines.add(String.format("BENCH ingest PostgreSQL, %d connection(s): %,.0f events/s (%.2f x raw broker)",
                    connections, pg, pg / raw));
            lines.add(String.format("BENCH ingest SQLite,     %d connection(s): %,.0f events/s (%.2f x raw broker)",
                    connections, sqlite, sqlite / raw));
        }
        System.out.printf("BENCH raw broker QoS 1:                     %,.0f events/s%n", raw);
        lines.forEach(System.out::println);
    }

    private Mosquitto restartFresh(Mosquitto previous, String name) throws java.io.IOException {
        previous.stop();
        started.remove(previous);
        Mosquitto fresh = Mosquitto.create(java.nio.file.Files.createDirectories(work.resolve(name)));
        started.add(fresh);
        fresh.start();
        return fresh;
    }

    private double rawBroker(Mosquitto broker, List<String> topics, List<byte[]> payloads, long total)
            throws Exception {
        AtomicInteger received = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        try (BenchPublisher subscriber = new BenchPublisher(broker.url(), "bench-raw-sub", (t, m) -> {
            received.incrementAndGet();
            last.set(System.nanoTime());
        }); BenchPublisher publisher = new BenchPublisher(broker.url(), "bench-raw-pub", (t, m) -> { })) {
            subscriber.subscribe("bench/raw/#");
            long start = System.nanoTime();
            publisher.publishAll(topics, payloads);
            await().atMost(Duration.ofMinutes(5)).until(() -> received.get() == payloads.size());
            return total / ((last.get() - start) / 1e9);
        }
    }

    private double ingest(CentralSync central, int connections, Mosquitto broker, List<String> topics, List<byte[]> payloads,
                          List<String> kiosks, long total) throws Exception {
        started.add(0, central);
        // ingest alone by default; -Dbench.rollupEvery=30s lets the report rollups compete for the database too
        central.putEnv("REPORTS_ROLLUP_EVERY", System.getProperty("bench.rollupEvery", "1h"));
        central.putEnv("INGEST_CONNECTIONS", String.valueOf(connections));
        central.start();
        long perKiosk = total / kiosks.size();
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicLong last = new AtomicLong();
        ProtocolCodec codec = new ProtocolCodec();
        try (BenchPublisher kioskSide = new BenchPublisher(broker.url(), "bench-kiosks-" + central.httpPort, (t, m) -> {
            acked.merge(Topics.parse(t).kioskId(), codec.decodeAck(m.getPayload()).upToSeq(), Math::max);
            last.set(System.nanoTime());
        })) {
            kioskSide.subscribe(Topics.allKiosks(Topics.ACK));
            long start = System.nanoTime();
            kioskSide.publishAll(topics, payloads);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    kiosks.stream().allMatch(k -> acked.getOrDefault(k, 0L) == perKiosk));
            double rate = total / ((last.get() - start) / 1e9);
            central.stop();
            started.remove(central);
            return rate;
        }
    }
}
