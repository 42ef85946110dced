package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Backlog drain: {@code -Dbench.backlog} (default 100,000) tickets are issued while the broker is down; then the
 * broker comes back and we time until the agent's outbox is empty (every event acked by central on PostgreSQL).
 */
class BacklogDrainBenchmark {
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 100_000);

    private Path work;

    @BeforeEach
    void runFolder(TestInfo test) throws java.io.IOException {
        work = RunFolder.of(test);
    }
    private final List<ManagedProcess> started = new ArrayList<>();
    private String database;

    @AfterEach
    void stop() throws Exception {
        started.forEach(ManagedProcess::stop);
        if (database != null) {
            try (Connection c = DriverManager.getConnection(Postgres.adminUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void drainAfterBrokerOutage() throws Exception {
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        database = Postgres.createFreshDatabase("central_drain");
        CentralSync central = CentralSync.create("central-drain", broker.url(), 0, Postgres.url(database), work);
        started.add(0, central);
        central.start();
        // a site that lists no counters issues tickets for any service letter
        java.nio.file.Path site = java.nio.file.Files.writeString(work.resolve("site-without-counters.json"),
                "{\"version\":1,\"siteName\":\"Benchmark\",\"services\":[],\"counters\":[],\"officers\":[],"
                        + "\"procedures\":[],\"ratingScale\":5,\"notices\":[],\"sig\":null}");
        KioskAgent agent = KioskAgent.create("bench", "kiosk-drain", broker.url(), work,
                java.util.Map.of("KIOSK_SITE_CONFIG", site.toString()));
        started.add(0, agent);
        agent.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> connected(agent));

        broker.stop();
        await().atMost(Duration.ofMinutes(1)).until(() -> !connected(agent));
        long fillStart = System.nanoTime();
        int clients = 4;
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int c = 0; c < clients; c++) {
            new Thread(() -> {
                Http http = new Http();
                try {
                    for (int i = 0; i < BACKLOG / clients; i++) {
                        // spread over many services: one service issues at most 9,999 numbers a day
                        char service = (char) ('A' + i % 26);
                        assertEquals(201, http.post(agent.api("/api/tickets"),
                                "{\"service\":\"" + service + "\",\"priority\":null}", null).status());
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        assertEquals(List.of(), failures);
        long backlog = agent.status().orElseThrow().get("outboxBacklog").asLong();
        System.out.printf("BENCH backlog filled: %d events in %.1f s while the broker was down%n", backlog,
                (System.nanoTime() - fillStart) / 1e9);

        long brokerUp = System.nanoTime();
        broker.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> connected(agent));
        long reconnected = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.status().map(s -> s.get("outboxBacklog").asLong() == 0).orElse(false));
        long drained = System.nanoTime();
        JsonNode stats = central.stats();
        System.out.printf("BENCH backlog drain: %d events acked %.2f s after the agent reconnected "
                        + "(%.2f s after the broker started); central holds %d events%n", backlog,
                (drained - reconnected) / 1e9, (drained - brokerUp) / 1e9, stats.get("events").asLong());
        assertEquals(backlog, stats.get("events").asLong());
    }

    private static boolean connected(KioskAgent agent) {
        return agent.status().map(s -> s.path("broker").path("connected").asBoolean(false)).orElse(false);
    }
}
