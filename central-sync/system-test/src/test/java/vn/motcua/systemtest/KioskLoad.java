package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A citizen crowd at one kiosk: tickets and ratings (seven in ten are tickets; every rating is for one of this kiosk's
 * own tickets). A request that fails because the agent is down is sent again with the same Idempotency-Key until it
 * is committed, as the touchscreen does, so a restart can neither lose nor double a request.
 */
final class KioskLoad implements Runnable {
    private static final String[] LEVELS = {"very_satisfied", "satisfied", "neutral", "dissatisfied",
            "very_dissatisfied"};
    private static final String[] PRIORITIES = {"null", "null", "null", "\"elderly\"", "\"disabled\""};

    private final KioskAgent agent;
    private final int operations;
    private final AtomicInteger completed;
    private final Duration pause;
    private final Http http = new Http();
    private final Random random;
    private final Deque<String> unratedTickets = new ArrayDeque<>();
    int tickets;
    int ratings;
    int retries;

    KioskLoad(KioskAgent agent, int operations, AtomicInteger completed, Duration pause, long seed) {
        this.agent = agent;
        this.operations = operations;
        this.completed = completed;
        this.pause = pause;
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try {
            for (int i = 0; i < operations; i++) {
                boolean rate = i % 10 >= 7 && !unratedTickets.isEmpty();
                if (rate) {
                    String ticketId = unratedTickets.removeFirst();
                    String level = LEVELS[random.nextInt(LEVELS.length)];
                    commit("/api/ratings", "{\"ticketId\":\"" + ticketId + "\",\"counter\":\"" + (1 + random.nextInt(3))
                            + "\",\"officerId\":\"cb-" + (1 + random.nextInt(5)) + "\",\"procedureCode\":\"2.001914\","
                            + "\"level\":\"" + level + "\",\"scale\":5,\"reasons\":[],\"comment\":null}");
                    ratings++;
                } else {
                    String service = String.valueOf((char) ('A' + random.nextInt(3)));
                    JsonNode ticket = commit("/api/tickets", "{\"service\":\"" + service + "\",\"priority\":"
                            + PRIORITIES[random.nextInt(PRIORITIES.length)] + "}");
                    unratedTickets.addLast(ticket.get("ticketId").asText());
                    tickets++;
                }
                completed.incrementAndGet();
                Thread.sleep(pause.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode commit(String path, String body) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            try {
                Http.Response r = http.post(agent.api(path), body, key);
                if (r.status() == 200 || r.status() == 201) {
                    return r.body();
                }
                if (r.status() < 500) {
                    throw new AssertionError(agent.kioskId + " refused " + path + " " + body + ": " + r.status() + " "
                            + r.body());
                }
            } catch (IOException agentDown) {
                // the agent is being restarted: send the same request again
            }
            retries++;
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(agent.kioskId + " did not accept " + path + " for 4 minutes");
            }
            Thread.sleep(200);
        }
    }
}
