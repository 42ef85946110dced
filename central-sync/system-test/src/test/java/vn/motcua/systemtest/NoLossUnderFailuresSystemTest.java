package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three kiosk-agents (separate JVMs) send 1,000 tickets and ratings each while one agent is killed with SIGKILL,
 * the broker restarts and central-sync is killed and restarted. At the end central holds every event exactly once,
 * each kiosk's sequence is contiguous, and every outbox is empty.
 */
class NoLossUnderFailuresSystemTest {
    private static final int KIOSKS = 3;
    private static final int EVENTS_PER_KIOSK = 1000;
    private static final String SITE = "so-gddt-demo";

    /** Under target/ rather than a temporary folder, so that the processes' logs outlive a failed run. */
    private Path work;

    private final List<ManagedProcess> started = new ArrayList<>();
    private String postgresDatabase;

    @BeforeEach
    void freshWorkFolder(TestInfo test) throws java.io.IOException {
        work = RunFolder.of(test);
    }

    @AfterEach
    void stopEverything() throws SQLException {
        for (ManagedProcess p : started) {
            p.stop();
        }
        if (postgresDatabase != null) {
            try (Connection c = DriverManager.getConnection(Postgres.adminUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
            }
        }
    }

    @Test
    void givenMosquittoAndPostgres_whenAgentKilledBrokerRestartedCentralRestarted_thenExactlyEveryEventOnce()
            throws Exception {
        postgresDatabase = Postgres.createFreshDatabase("central_st");
        Mosquitto broker = track(Mosquitto.create(work));
        broker.start();
        CentralSync central = track(CentralSync.create("central-pg", broker.url(), 0,
                Postgres.url(postgresDatabase), work));
        central.start();

        runScenario(central, broker.url(), () -> {
            broker.stop();
            broker.start();
        });
    }

    @Test
    void givenEmbeddedDefaults_whenAgentKilledAndCentralWithItsBrokerRestarted_thenExactlyEveryEventOnce()
            throws Exception {
        int mqttPort = Ports.free();
        CentralSync central = track(CentralSync.create("central-embedded", null, mqttPort,
                "jdbc:sqlite:" + work.resolve("central.db"), work));
        central.start();

        // the embedded broker lives and dies with central-sync: restarting the broker is restarting central
        runScenario(central, "tcp://127.0.0.1:" + mqttPort, () -> {
            central.kill();
            central.start();
        });
    }

    private void runScenario(CentralSync central, String mqttUrl, Runnable restartBroker) throws Exception {
        List<KioskAgent> agents = new ArrayList<>();
        for (int k = 1; k <= KIOSKS; k++) {
            KioskAgent agent = track(KioskAgent.create(SITE, "kiosk-0" + k, mqttUrl, work));
            agent.start();
            agents.add(agent);
        }

        AtomicInteger completed = new AtomicInteger();
        List<KioskLoad> loads = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < KIOSKS; k++) {
            KioskLoad load = new KioskLoad(agents.get(k), EVENTS_PER_KIOSK, completed, Duration.ofMillis(15), k);
            loads.add(load);
            Thread t = new Thread(load, "load-" + agents.get(k).kioskId);
            threads.add(t);
            t.start();
        }
        int total = KIOSKS * EVENTS_PER_KIOSK;

        awaitProgress(completed, total / 6);
        KioskAgent victim = agents.get(1);
        victim.kill();
        victim.start();

        awaitProgress(completed, total / 2);
        restartBroker.run();

        awaitProgress(completed, total * 3 / 4);
        central.kill();
        central.start();

        for (Thread t : threads) {
            t.join(Duration.ofMinutes(6).toMillis());
        }
        assertEquals(total, completed.get(), "every request was committed by its agent");

        await("central holds all " + total + " events").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> central.tryGet("/api/stats").map(s -> s.get("events").asLong()).orElse(-1L) == total
                        && agents.stream().allMatch(a -> a.status().map(s -> s.get("outboxBacklog").asLong() == 0)
                        .orElse(false)));

        JsonNode stats = central.stats();
        assertEquals(total, stats.get("events").asLong());
        assertEquals(loads.stream().mapToInt(l -> l.tickets).sum(), stats.get("tickets").asInt());
        assertEquals(loads.stream().mapToInt(l -> l.ratings).sum(), stats.get("ratings").asInt());

        Set<String> allIds = new HashSet<>();
        for (KioskAgent agent : agents) {
            JsonNode events = central.tryGet("/api/events?kioskId=" + agent.kioskId + "&limit=1000").orElseThrow();
            List<Long> seqs = new ArrayList<>();
            for (JsonNode e : events) {
                seqs.add(e.get("seq").asLong());
                allIds.add(e.get("id").asText());
            }
            seqs.sort(Long::compare);
            assertEquals(LongStream.rangeClosed(1, EVENTS_PER_KIOSK).boxed().toList(), seqs,
                    agent.kioskId + " sequence is contiguous from 1");
            JsonNode status = agent.status().orElseThrow();
            assertEquals(0, status.get("outboxBacklog").asLong(), agent.kioskId + " outbox is empty");
            assertEquals(EVENTS_PER_KIOSK, status.get("lastAckSeq").asLong(), agent.kioskId + " last ack");
        }
        assertEquals(total, allIds.size(), "every event id exactly once");

        JsonNode kiosks = central.tryGet("/api/kiosks").orElseThrow();
        assertEquals(KIOSKS, kiosks.size());
        for (JsonNode k : kiosks) {
            assertEquals(EVENTS_PER_KIOSK, k.get("lastSeq").asLong(), k.toString());
            assertEquals(SITE, k.get("siteId").asText());
        }
        System.out.printf("no-loss scenario: %d events, retries per kiosk %s%n", total,
                loads.stream().map(l -> String.valueOf(l.retries)).toList());
    }

    private static void awaitProgress(AtomicInteger completed, int atLeast) {
        await("load reaches " + atLeast).atMost(Duration.ofMinutes(4)).until(() -> completed.get() >= atLeast);
    }

    private <T extends ManagedProcess> T track(T process) {
        started.add(0, process);
        return process;
    }
}
