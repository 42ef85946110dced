package vn.motcua.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ticket request → committed to the SQLite file (WAL, synchronous=FULL): latency of POST /api/tickets as the
 * touchscreen sees it, against a running agent connected to a real broker. Prints the figures; asserts only that
 * every request succeeded.
 */
class AgentTicketLatencyBenchmark {
    private static final int WARMUP = 1_000;
    private static final int MEASURED = 5_000;

    private Path work;

    @BeforeEach
    void runFolder(TestInfo test) throws java.io.IOException {
        work = RunFolder.of(test);
    }
    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ManagedProcess::stop);
    }

    /** The ticket committed to disk, with no printer: the figure of the outbox path alone. */
    @Test
    void ticketCommitLatency() throws Exception {
        run("commit", Map.of("AGENT_PRINTER_KIND", "none"));
    }

    /** The same request when the demo's file printer also renders the ticket bitmap and writes bytes and preview. */
    @Test
    void ticketCommitAndFilePrintLatency() throws Exception {
        run("commit + file print", Map.of("AGENT_PRINTER_KIND", "file"));
    }

    private void run(String label, Map<String, String> env) throws Exception {
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        KioskAgent agent = KioskAgent.create("bench-site", "kiosk-bench", broker.url(), work, env);
        started.add(0, agent);
        agent.start();
        Http http = new Http();

        for (int i = 0; i < WARMUP; i++) {
            assertEquals(201, http.post(agent.api("/api/tickets"), "{\"service\":\"A\",\"priority\":null}", null).status());
        }
        long[] one = measure(http, agent, MEASURED);
        System.out.println("BENCH agent ticket " + label + ", 1 client:  " + new Percentiles(one).summary());

        int clients = 4;
        long[][] perClient = new long[clients][];
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int c = 0; c < clients; c++) {
            int index = c;
            new Thread(() -> {
                try {
                    perClient[index] = measure(new Http(), agent, MEASURED / clients);
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        assertEquals(List.of(), failures);
        long[] all = java.util.Arrays.stream(perClient).flatMapToLong(java.util.Arrays::stream).toArray();
        System.out.println("BENCH agent ticket " + label + ", 4 clients: " + new Percentiles(all).summary());
    }

    private static long[] measure(Http http, KioskAgent agent, int count) throws Exception {
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            String service = String.valueOf((char) ('A' + i % 3));
            long start = System.nanoTime();
            Http.Response r = http.post(agent.api("/api/tickets"), "{\"service\":\"" + service + "\",\"priority\":null}",
                    null);
            samples[i] = System.nanoTime() - start;
            assertEquals(201, r.status(), r.body().toString());
        }
        return samples;
    }
}
