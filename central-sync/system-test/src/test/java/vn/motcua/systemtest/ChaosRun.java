package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.sign.Signatures;
import vn.motcua.systemtest.ChaosPlan.ForgedBy;
import vn.motcua.systemtest.ChaosPlan.Kind;
import vn.motcua.systemtest.ChaosPlan.Op;
import vn.motcua.systemtest.ChaosWorld.Kiosk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs a {@link ChaosPlan} against a {@link ChaosWorld} and checks, after every round, that every event an agent
 * committed is at central exactly once or in quarantine with a reason, that every kiosk's outbox empties within the
 * stall limit, and that nothing forged or belonging to another kiosk shows up where it must not.
 */
final class ChaosRun {
    private static final long DAY = 86_400;
    private static final String[] LEVELS = {"very_satisfied", "satisfied", "neutral", "dissatisfied",
            "very_dissatisfied"};
    /** What the agent's API must refuse with a 400 naming the field, or else commit in a form central keeps. */
    private static final String[] POISON_COMMENTS = {"T\\u1ed1t\\u0000", "\\ud800 ch\\u1eadm", "x\\u001b[2J"};
    static final String FORGED_MARK = "FORGED";

    private final ChaosWorld world;
    private final ChaosPlan plan;
    private final Duration stallLimit;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Http http = new Http();
    private final HttpClient operatorClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Forger forger;
    private final PrivateKey forgerKey;
    private final List<String> names;

    private final Ledger ledger = new Ledger();
    private final List<String> log = new ArrayList<>();
    private final Map<String, Integer> faults = new TreeMap<>();
    private final Map<String, Integer> forgeryOutcomes = new TreeMap<>();
    private final Map<Integer, Deque<String>> unrated = new HashMap<>();
    private final Map<Integer, Path> snapshots = new HashMap<>();
    /** Each kiosk's last commit, and when its outbox was last seen empty (by the watcher or a settling round). */
    private final Map<Integer, Instant> lastCommit = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, Instant> lastEmpty = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean watching;
    private final Map<Integer, List<String>> commandsOf = new HashMap<>();
    /** Forged command results by their text, and whether the broker could not have told them from the kiosk. */
    private final Map<String, Boolean> forgedResults = new HashMap<>();
    /** Forged event ids, and whether one may reach central (an open broker, or the kiosk's own stolen login). */
    private final Map<String, Boolean> forgedEvents = new HashMap<>();
    private String operatorCookie;
    private String operatorCsrf;

    private int operations;
    private int roundsDone;
    private int refused;
    private int poisonRefused;
    private Duration longestStall = Duration.ZERO;
    /** Stalls that had not ended when the run gave up on them (they fail the run). */
    private int unendedStalls;
    private String longestStallAt = "";
    private Verdict last = Verdict.EMPTY;

    ChaosRun(ChaosWorld world, ChaosPlan plan, Duration stallLimit) throws Exception {
        this.world = world;
        this.plan = plan;
        this.stallLimit = stallLimit;
        this.forger = new Forger(world.broker.url());
        KeyPairGenerator g = KeyPairGenerator.getInstance(Signatures.ALGORITHM);
        this.forgerKey = g.generateKeyPair().getPrivate();
        this.names = world.kiosks.stream().map(Kiosk::toString).toList();
    }

    /** Runs every round; the first round whose checks fail ends the run with an error naming seed and log. */
    void run() {
        Thread watcher = new Thread(this::watch, "chaos-stall-watch");
        watcher.setDaemon(true);
        watching = true;
        watcher.start();
        try {
            rounds();
        } catch (AssertionError e) {
            throw e;
        } catch (Exception | Error e) {
            throw new AssertionError("the chaos run broke off: " + e + "\n\n" + summary() + "\n\n" + replay(), e);
        } finally {
            watching = false;
        }
    }

    /** Looks at every outbox four times a second, so that a stall is measured when it ends, not when a round does. */
    private void watch() {
        while (watching) {
            for (int i = 0; i < world.kiosks.size(); i++) {
                if (world.kiosks.get(i).agent.status().map(s -> s.get("outboxBacklog").asLong() == 0).orElse(false)) {
                    sawEmpty(i, Instant.now());
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The stall that ends here: from the kiosk's last commit, when it came after the outbox was last seen empty. */
    private synchronized Duration sawEmpty(int kiosk, Instant at) {
        Instant committed = lastCommit.get(kiosk);
        Instant empty = lastEmpty.get(kiosk);
        lastEmpty.put(kiosk, at);
        if (committed == null || (empty != null && !committed.isAfter(empty))) {
            return Duration.ZERO;
        }
        Duration stall = Duration.between(committed, at);
        if (stall.compareTo(longestStall) > 0) {
            longestStall = stall;
            longestStallAt = world.kiosks.get(kiosk) + " in round " + (roundsDone + 1);
        }
        return stall;
    }

    private void rounds() throws Exception {
        for (List<Op> round : plan.rounds) {
            for (Op op : round) {
                note(op.describe(names));
                execute(op);
                operations++;
                if (op.kind().fault != null) {
                    faults.merge(op.kind().fault, 1, Integer::sum);
                }
            }
            Verdict v = settle(round.get(0).round());
            last = v;
            roundsDone++;
            if (!v.problems.isEmpty()) {
                throw new AssertionError("round " + roundsDone + " broke the invariant:\n  - "
                        + String.join("\n  - ", v.problems) + "\n\n" + summary() + "\n\n" + replay());
            }
        }
    }

    // ---------------------------------------------------------------- operations

    private void execute(Op op) throws Exception {
        Kiosk k = op.kiosk() >= 0 ? world.kiosks.get(op.kiosk()) : null;
        switch (op.kind()) {
            case TICKET -> ticket(op, k);
            case RATING -> rating(op, k, null);
            case POISON_INPUT -> rating(op, k, POISON_COMMENTS[op.variant() % POISON_COMMENTS.length]);
            case CALL -> counter(op, k, "call-next", "ticket.called");
            case FINISH -> counter(op, k, "finish", "ticket.served");
            case NO_SHOW -> counter(op, k, "no-show", "ticket.no_show");
            case LONG_CALL -> {
                counter(op, k, "call-next", "ticket.called");
                k.clock.setOffset(k.clock.offsetSeconds() + op.arg() * DAY);
                note("  clock of " + k + " now " + offset(k.clock.offsetSeconds()));
                counter(op, k, "finish", "ticket.served");
            }
            case CLOCK_STEP -> {
                k.clock.setOffset(op.arg());
                note("  clock of " + k + " now " + offset(op.arg()));
            }
            case AGENT_KILL -> {
                k.agent.kill();
                k.agent.start();
            }
            case DB_SNAPSHOT -> {
                Path copy = world.work.resolve(k.name + "-copy-" + op.index() + ".db");
                AgentDatabase.copy(k.agent.database, copy);
                snapshots.put(op.kiosk(), copy);
            }
            case DB_RESTORE -> restore(op, k);
            case BROKER_RESTART -> {
                world.broker.stop();
                world.broker.start();
            }
            case BROKER_KILL -> world.broker.kill();
            case BROKER_START -> world.broker.start();
            case CENTRAL_KILL -> world.central.kill();
            case CENTRAL_START -> world.central.start();
            case FORGED_ACK -> forgedAck(op, k);
            case FORGED_STATUS -> forgedStatus(op, k);
            case FORGED_CMD -> forgedCommand(op, k);
            case FORGED_RESULT -> forgedResult(op, k, latestCommand(op.kiosk()));
            case POISON_EVENT -> poisonEvent(op, k);
            case OPERATOR_COMMAND -> operatorCommand(op, k);
            default -> throw new IllegalStateException("no executor for " + op.kind());
        }
    }

    private void ticket(Op op, Kiosk k) throws Exception {
        String service = op.variant() % 2 == 0 ? "A" : "B";
        String priority = op.variant() == 3 ? "\"elderly\"" : "null";
        Http.Response r = commit(op, k, "/api/tickets", "{\"service\":\"" + service + "\",\"priority\":" + priority + "}");
        if (r != null) {
            String ticketId = r.body().get("ticketId").asText();
            ledger.committed(k, "ticket.issued", ticketId);
            lastCommit.put(op.kiosk(), Instant.now());
            unrated.computeIfAbsent(op.kiosk(), x -> new ArrayDeque<>()).addLast(ticketId);
            note("  committed ticket " + r.body().get("display").asText() + " " + ticketId);
        }
    }

    private void rating(Op op, Kiosk k, String comment) throws Exception {
        Deque<String> tickets = unrated.computeIfAbsent(op.kiosk(), x -> new ArrayDeque<>());
        String ticketId = tickets.pollFirst();
        String body = "{\"ticketId\":" + (ticketId == null ? "null" : "\"" + ticketId + "\"")
                + ",\"counter\":\"" + CounterConsole.COUNTER + "\",\"officerId\":\"" + CounterConsole.OFFICER
                + "\",\"procedureCode\":\"2.001914\",\"level\":\"" + LEVELS[op.variant() % LEVELS.length]
                + "\",\"scale\":5,\"reasons\":[],\"comment\":" + (comment == null ? "null" : "\"" + comment + "\"") + "}";
        Http.Response r = commit(op, k, "/api/ratings", body);
        if (r != null) {
            String ratingId = r.body().get("ratingId").asText();
            ledger.committed(k, "rating.submitted", ratingId);
            lastCommit.put(op.kiosk(), Instant.now());
            note("  committed rating " + ratingId + (comment == null ? "" : " with comment " + comment));
        } else if (comment != null) {
            poisonRefused++;
        }
    }

    /**
     * Posts until the agent answers: a 5xx or a refused connection is sent again with the same Idempotency-Key, as
     * the touchscreen does. Returns null when the agent refused the request (4xx): nothing was committed.
     */
    private Http.Response commit(Op op, Kiosk k, String path, String body) throws Exception {
        String key = new UUID(plan.seed, op.index()).toString();
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                Http.Response r = http.post(k.agent.api(path), body, key);
                if (r.status() == 200 || r.status() == 201) {
                    return r;
                }
                if (r.status() < 500) {
                    refused++;
                    note("  refused " + r.status() + " " + r.body());
                    return null;
                }
                note("  " + r.status() + " " + r.body() + "; sending again");
            } catch (IOException agentDown) {
                // restarting: the same request again
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(k + " did not answer " + path + " for 2 minutes\n" + replay());
            }
            Thread.sleep(200);
        }
    }

    private void counter(Op op, Kiosk k, String action, String type) throws Exception {
        CounterConsole.Answer a = k.console.act(action);
        if (a.ok()) {
            String ticketId = a.body().get("ticketId").asText();
            ledger.committed(k, type, ticketId);
            lastCommit.put(op.kiosk(), Instant.now());
            Long seconds = a.body().hasNonNull("serviceSeconds") ? a.body().get("serviceSeconds").asLong() : null;
            note("  " + action + " " + a.body().get("display").asText() + " " + ticketId
                    + (seconds == null ? "" : " serviceSeconds=" + seconds));
        } else if (a.status() >= 500) {
            throw new AssertionError(k + " counter " + action + " failed: " + a.status() + " " + a.body() + "\n"
                    + replay());
        } else {
            note("  " + action + ": " + a.error());
        }
    }

    private void restore(Op op, Kiosk k) throws Exception {
        Path copy = snapshots.get(op.kiosk());
        if (copy == null) {
            note("  no copy of " + k + " yet");
            return;
        }
        // the copy goes back only once everything since is at central: a restore may not erase what was never sent
        Stall s = drain(op.kiosk());
        if (!s.drained) {
            throw new AssertionError(k + " did not empty its outbox in " + stallLimit.toSeconds()
                    + " s before its database was restored\n" + summary() + "\n" + replay());
        }
        k.agent.kill();
        AgentDatabase.restore(copy, k.agent.database);
        k.agent.start();
        // what the old copy still had to send counts as committed now
        lastCommit.put(op.kiosk(), Instant.now());
        unrated.remove(op.kiosk());
        note("  restored " + k + " from " + copy.getFileName());
    }

    // ---------------------------------------------------------------- forgeries

    private void forgedAck(Op op, Kiosk victim) throws Exception {
        long lastSeq = victim.agent.status().map(s -> s.get("lastSeq").asLong()).orElse(0L);
        String topic = Topics.of(victim.siteId, victim.kioskId, Topics.ACK);
        String payload = switch (op.variant()) {
            case 0 -> "{\"upToSeq\":" + Long.MAX_VALUE + "}";
            case 1 -> "{\"upToSeq\":" + lastSeq + "}";
            case 2 -> "{\"upToSeq\":" + (lastSeq + 1000) + "}";
            case 3 -> {
                Ack unsigned = new Ack(victim.siteId, victim.kioskId, lastSeq, UUID.randomUUID().toString(), null);
                yield new String(codec.encode(unsigned.signed(Signatures.sign(forgerKey, Signatures.ackBytes(unsigned)))));
            }
            default -> new String(codec.encode(new Ack(victim.siteId, victim.kioskId, Long.MAX_VALUE,
                    UUID.randomUUID().toString(), "AAAA")));
        };
        forge(op, victim, topic, payload, false);
    }

    private void forgedStatus(Op op, Kiosk victim) {
        String since = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String site = op.variant() == 1 ? victim.siteId : world.otherSite(victim.siteId);
        boolean online = op.variant() != 1;
        forge(op, victim, Topics.of(site, victim.kioskId, Topics.STATUS), "{\"online\":" + online
                + ",\"version\":\"" + FORGED_MARK + "-" + op.index() + "\",\"bootId\":\"" + UUID.randomUUID()
                + "\",\"since\":\"" + since + "\"}", op.variant() != 2);
    }

    private void forgedCommand(Op op, Kiosk victim) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String type = op.variant() == 2 ? "show_notice" : "print_test_ticket";
        String args = op.variant() == 2 ? "{\"text\":\"" + FORGED_MARK + " " + op.index() + "\"}" : "{}";
        String sig = op.variant() == 0 ? "" : Signatures.sign(forgerKey, ("forged-" + op.index()).getBytes());
        String payload = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"args\":" + args
                + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plusMinutes(5) + "\",\"sig\":\"" + sig + "\"}";
        forge(op, victim, Topics.of(victim.siteId, victim.kioskId, Topics.CMD), payload, false);
    }

    /**
     * A result for the victim's command: from an anonymous client on the victim's own topic (an open broker cannot
     * tell it from the kiosk), or from another kiosk's login on that kiosk's own topic (central must see that the
     * command was not sent there).
     */
    private void forgedResult(Op op, Kiosk victim, String commandId) {
        if (commandId == null) {
            commandId = UUID.randomUUID().toString();
        }
        // one text per forgery: two forgers answer the same operator command
        String text = FORGED_MARK + " result " + op.index() + " " + op.forger().name().toLowerCase(Locale.ROOT);
        String payload = "{\"id\":\"" + commandId + "\",\"ok\":false,\"message\":\"" + text + "\"}";
        if (op.forger() == ForgedBy.OTHER_KIOSK && op.variant() != 0) {
            Kiosk other = world.otherThan(victim);
            forgedResults.put(text, false);
            Forger.Outcome o = forger.publish(other.username, other.password,
                    Topics.of(other.siteId, other.kioskId, Topics.CMD_RESULT), payload, false);
            outcome(op, o);
            return;
        }
        // on the victim's own topic, only the broker's login tells a forger from the kiosk: an open broker cannot,
        // nor can any broker when the kiosk's own password was stolen
        forgedResults.put(text, !world.credentials || op.forger() == ForgedBy.OWN_LOGIN);
        forge(op, victim, Topics.of(victim.siteId, victim.kioskId, Topics.CMD_RESULT), payload, false);
    }

    /** Events central must keep out of everyone's numbers: a NUL in a comment, year 999999999, a weekend's service. */
    private void poisonEvent(Op op, Kiosk victim) throws Exception {
        long next = victim.agent.status().map(s -> s.get("lastSeq").asLong()).orElse(0L) + 1;
        String id = UUID.randomUUID().toString();
        forgedEvents.put(id, !world.credentials || op.forger() == ForgedBy.OWN_LOGIN);
        String ticketId = UUID.randomUUID().toString();
        String at = op.variant() == 1 ? "+999999999-12-31T00:00:00+07:00" : OffsetDateTime.now(ZoneOffset.ofHours(7)).toString();
        String type;
        String data;
        switch (op.variant()) {
            case 0 -> {
                type = "rating.submitted";
                data = "{\"ratingId\":\"" + UUID.randomUUID() + "\",\"ticketId\":null,\"counter\":null,\"officerId\":null,"
                        + "\"procedureCode\":null,\"level\":\"satisfied\",\"scale\":5,\"reasons\":[],"
                        + "\"comment\":\"" + FORGED_MARK + "\\u0000\"}";
            }
            case 1 -> {
                type = "ticket.issued";
                data = "{\"ticketId\":\"" + ticketId + "\",\"service\":\"A\",\"number\":1,\"display\":\"A001\","
                        + "\"priority\":null}";
            }
            default -> {
                type = "ticket.served";
                data = "{\"ticketId\":\"" + ticketId + "\",\"counter\":\"2\",\"officerId\":\"" + CounterConsole.OFFICER
                        + "\",\"serviceSeconds\":236422}";
            }
        }
        String payload = "{\"schema\":1,\"kioskId\":\"" + victim.kioskId + "\",\"batchId\":\"" + UUID.randomUUID()
                + "\",\"events\":[{\"seq\":" + next + ",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"at\":\"" + at
                + "\",\"clockSynced\":true,\"bootId\":\"" + UUID.randomUUID() + "\",\"uptimeMs\":1000,\"data\":" + data
                + "}]}";
        forge(op, victim, Topics.of(victim.siteId, victim.kioskId, Topics.EVENTS), payload, false);
    }

    /** Publishes as the op's forger; an own-login forgery uses the victim's own broker login. */
    private void forge(Op op, Kiosk victim, String topic, String payload, boolean retained) {
        String user = null;
        String password = null;
        if (op.forger() == ForgedBy.OTHER_KIOSK) {
            Kiosk other = world.otherThan(victim);
            user = other.username;
            password = other.password;
        } else if (op.forger() == ForgedBy.OWN_LOGIN) {
            user = victim.username;
            password = victim.password;
        }
        outcome(op, forger.publish(user, password, topic, payload, retained));
    }

    private void outcome(Op op, Forger.Outcome o) {
        forgeryOutcomes.merge(op.kind().fault + " " + o.name().toLowerCase(Locale.ROOT).replace('_', '-'), 1,
                Integer::sum);
        note("  broker: " + o);
    }

    // ---------------------------------------------------------------- the operator

    /**
     * A real signed command (a notice). Variant 1 sends it while the kiosk is down, and forgers answer for it before
     * the kiosk can: the audit must keep the kiosk's own answer.
     */
    private void operatorCommand(Op op, Kiosk k) throws Exception {
        boolean whileDown = op.variant() == 1;
        if (whileDown) {
            k.agent.kill();
        }
        try {
            String json = "{\"type\":\"show_notice\",\"args\":{\"text\":\"Th\\u00f4ng b\\u00e1o th\\u1eed " + op.index()
                    + "\",\"minutes\":\"5\"}}";
            HttpResponse<String> r = operatorPost("/api/kiosks/" + k.kioskId + "/commands?siteId=" + k.siteId, json);
            if (r.statusCode() != 202 && r.statusCode() != 200) {
                note("  command refused: " + r.statusCode() + " " + r.body());
                return;
            }
            String id = Http.JSON.readTree(r.body()).get("id").asText();
            commandsOf.computeIfAbsent(op.kiosk(), x -> new ArrayList<>()).add(id);
            note("  command " + id);
            if (whileDown) {
                forgedResult(new Op(op.index(), op.round(), Kind.FORGED_RESULT, op.kiosk(), 0, 0, ForgedBy.ANONYMOUS),
                        k, id);
                forgedResult(new Op(op.index(), op.round(), Kind.FORGED_RESULT, op.kiosk(), 0, 1,
                        ForgedBy.OTHER_KIOSK), k, id);
            }
        } finally {
            if (whileDown) {
                k.agent.start();
            }
        }
    }

    private String latestCommand(int kiosk) {
        List<String> ids = commandsOf.get(kiosk);
        return ids == null || ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    private HttpResponse<String> operatorPost(String path, String json) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (operatorCookie == null) {
                signInOperator();
            }
            HttpResponse<String> r = operatorClient.send(HttpRequest.newBuilder(URI.create(world.central.api(path)))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Cookie", operatorCookie).header("X-CSRF-Token", operatorCsrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 401 && r.statusCode() != 403) {
                return r;
            }
            operatorCookie = null;
        }
        throw new AssertionError("central keeps refusing the operator's session for " + path);
    }

    private void signInOperator() throws Exception {
        HttpResponse<String> r = operatorClient.send(HttpRequest.newBuilder(URI.create(world.central.api("/login")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ChaosWorld.ADMIN + "\",\"password\":\""
                        + ChaosWorld.ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("operator sign-in refused: " + r.statusCode() + " " + r.body());
        }
        operatorCookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        operatorCsrf = Http.JSON.readTree(r.body()).get("csrf").asText();
    }

    // ---------------------------------------------------------------- settling and checking

    private record Stall(boolean drained, Duration stall) {
    }

    /** Waits until the kiosk's outbox is empty, at most the stall limit. */
    private Stall drain(int kiosk) throws InterruptedException {
        Kiosk k = world.kiosks.get(kiosk);
        Instant deadline = Instant.now().plus(stallLimit);
        while (true) {
            boolean empty = k.agent.status().map(s -> s.get("outboxBacklog").asLong() == 0).orElse(false);
            Instant now = Instant.now();
            if (empty) {
                return new Stall(true, sawEmpty(kiosk, now));
            }
            if (now.isAfter(deadline)) {
                Instant committed = lastCommit.getOrDefault(kiosk, now);
                return new Stall(false, Duration.between(committed, now));
            }
            Thread.sleep(250);
        }
    }

    private Verdict settle(int round) throws Exception {
        ensureUp();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < world.kiosks.size(); i++) {
            Stall s = drain(i);
            note("  settle r" + round + ": " + world.kiosks.get(i) + (s.drained ? " empty" : " NOT empty")
                    + (s.stall.isZero() ? "" : ", " + s.stall.toMillis() + " ms after its last commit"));
            if (!s.drained) {
                problems.add(world.kiosks.get(i) + " stalled: its outbox was not empty " + stallLimit.toSeconds()
                        + " s after the round ended");
                unendedStalls++;
            }
        }
        Verdict v = check();
        problems.addAll(v.problems);
        return new Verdict(v.committed, v.stored, v.quarantined, v.lost, v.duplicated, v.forgedAtCentral, problems);
    }

    private void ensureUp() {
        if (!world.broker.isAlive()) {
            world.broker.start();
        }
        if (!world.central.isAlive()) {
            world.central.start();
        }
    }

    record Verdict(int committed, int stored, int quarantined, int lost, int duplicated, int forgedAtCentral,
                   List<String> problems) {
        static final Verdict EMPTY = new Verdict(0, 0, 0, 0, 0, 0, List.of());
    }

    /** The invariant, against central's database and the agents' own outboxes. */
    private Verdict check() throws Exception {
        List<CentralRecords.Row> rows = world.records().read();
        List<String> problems = new ArrayList<>();
        Map<Ledger.Key, Integer> atCentral = new HashMap<>();
        Map<String, Integer> eventIds = new HashMap<>();
        int stored = 0;
        int quarantined = 0;
        int forged = 0;
        for (CentralRecords.Row r : rows) {
            if (r.eventId() != null && forgedEvents.containsKey(r.eventId())) {
                forged++;
                if (!forgedEvents.get(r.eventId())) {
                    problems.add("a forged event reached central through a broker with logins: " + r);
                }
                continue;
            }
            if (r.place() == CentralRecords.Place.QUARANTINED && (r.reason() == null || r.reason().isBlank())) {
                problems.add("quarantined without a reason: " + r);
            }
            if (r.type() != null && r.type().startsWith("counter.signed_")) {
                // the officers' sign-ins the harness makes to call tickets: not citizens' events, but they must
                // arrive like any other, stored under a kiosk of this world
                if (r.place() != CentralRecords.Place.STORED || !world.holds(r.siteId(), r.kioskId())) {
                    problems.add("a counter sign-in event not stored under its kiosk: " + r);
                }
                continue;
            }
            Ledger.Owner owner = r.entity() == null ? null : ledger.ownerOf(r.entity());
            if (owner == null) {
                problems.add("an event at central that no agent committed: " + r);
                continue;
            }
            if (!owner.siteId().equals(r.siteId()) || !owner.kioskId().equals(r.kioskId())) {
                problems.add("an event of " + owner + " is held under " + r.siteId() + "/" + r.kioskId() + ": " + r);
                continue;
            }
            if (r.place() == CentralRecords.Place.STORED) {
                stored++;
            } else {
                quarantined++;
            }
            atCentral.merge(new Ledger.Key(r.siteId(), r.kioskId(), r.type(), r.entity()), 1, Integer::sum);
            eventIds.merge(r.siteId() + "/" + r.kioskId() + "/" + r.eventId(), 1, Integer::sum);
        }
        int lost = 0;
        int duplicated = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Ledger.Key, Integer> e : ledger.expected().entrySet()) {
            int found = atCentral.getOrDefault(e.getKey(), 0);
            if (found < e.getValue()) {
                lost += e.getValue() - found;
                missing.add(e.getKey().toString());
            } else if (found > e.getValue()) {
                duplicated += found - e.getValue();
                problems.add("held " + found + " times, committed " + e.getValue() + " times: " + e.getKey());
            }
        }
        for (Map.Entry<String, Integer> e : eventIds.entrySet()) {
            if (e.getValue() > 1) {
                problems.add("event id held " + e.getValue() + " times: " + e.getKey());
            }
        }
        if (lost > 0) {
            problems.add(lost + " committed events are neither stored nor quarantined at central"
                    + whereMissing(missing));
        }
        problems.addAll(forgedEffects());
        return new Verdict(ledger.size(), stored, quarantined, lost, duplicated, forged, problems);
    }

    /** For lost events: still waiting in their agent's outbox (stuck), or gone from it (deleted unstored). */
    private String whereMissing(List<String> missing) throws Exception {
        Set<String> waiting = new HashSet<>();
        for (Kiosk k : world.kiosks) {
            for (AgentDatabase.Waiting w : AgentDatabase.outbox(k.agent.database)) {
                waiting.add(new Ledger.Key(k.siteId, k.kioskId, w.type(), w.entity()).toString());
            }
        }
        long stuck = missing.stream().filter(waiting::contains).count();
        return " (" + stuck + " still in their agent's outbox, " + (missing.size() - stuck)
                + " deleted from it without being stored); first: "
                + String.join(", ", missing.subList(0, Math.min(5, missing.size())));
    }

    /** What forged commands, statuses and results must not have done. */
    private List<String> forgedEffects() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Kiosk k : world.kiosks) {
            if (Files.isDirectory(k.printed)) {
                try (Stream<Path> files = Files.list(k.printed)) {
                    long tests = files.filter(p -> p.getFileName().toString().startsWith("test-")).count();
                    if (tests > 0) {
                        problems.add(k + " printed " + tests + " test tickets: only forged commands asked for one");
                    }
                }
            }
        }
        JsonNode kiosks = world.central.tryGet("/api/kiosks").orElse(null);
        if (kiosks == null) {
            problems.add("central's /api/kiosks did not answer");
        } else {
            Set<String> listed = new HashSet<>();
            for (JsonNode n : kiosks) {
                String id = n.path("siteId").asText() + "/" + n.path("kioskId").asText();
                listed.add(id);
                if (world.credentials && n.path("version").asText("").startsWith(FORGED_MARK)) {
                    problems.add("a forged status reached central through a broker with logins: " + n);
                }
            }
            for (Kiosk k : world.kiosks) {
                if (!listed.contains(k.toString())) {
                    problems.add("central no longer lists " + k + " under its own site (a status on another site's "
                            + "topic moved it?): " + listed);
                }
            }
        }
        for (Map.Entry<String, String> e : world.records().commandResults().entrySet()) {
            String message = e.getValue();
            if (message != null && message.startsWith(FORGED_MARK)) {
                Boolean tolerated = forgedResults.get(message);
                if (tolerated == null || !tolerated) {
                    problems.add("command " + e.getKey() + " carries a forged result: " + message);
                }
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- reporting

    /** Kept in memory for the failure message and appended to the run's log file as it happens. */
    private void note(String line) {
        log.add(line);
        try {
            Files.writeString(world.work.resolve("chaos-operations.log"), line + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String offset(long seconds) {
        return (seconds >= 0 ? "+" : "-") + Duration.ofSeconds(Math.abs(seconds)).toString().substring(2).toLowerCase(Locale.ROOT);
    }

    String replay() {
        return "replay: -Dchaos.seed=" + plan.seed + " -Dchaos.rounds=" + plan.rounds.size() + " (op log in "
                + world.work.resolve("chaos-operations.log") + ")\n" + String.join("\n", log.subList(
                Math.max(0, log.size() - 200), log.size()));
    }

    synchronized String summary() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seed", plan.seed);
        row.put("broker logins", world.credentials);
        row.put("rounds", roundsDone + "/" + plan.rounds.size());
        row.put("operations", operations);
        row.put("faults", faults);
        row.put("forgeries at the broker", forgeryOutcomes);
        row.put("events committed", last.committed);
        row.put("stored", last.stored);
        row.put("quarantined", last.quarantined);
        row.put("lost", last.lost);
        row.put("duplicated", last.duplicated);
        row.put("forged events at central", last.forgedAtCentral);
        row.put("requests refused by agents", refused + " (poison inputs refused: " + poisonRefused + ")");
        row.put("longest stall", longestStall.toMillis() + " ms" + (longestStallAt.isEmpty() ? "" : " (" + longestStallAt
                + ")") + (unendedStalls == 0 ? "" : "; " + unendedStalls + " stalls not over after "
                + stallLimit.toSeconds() + " s"));
        StringBuilder b = new StringBuilder("chaos summary\n");
        row.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-26s %s%n", k, v)));
        return b.toString();
    }

    Verdict verdict() {
        return last;
    }

    int roundsDone() {
        return roundsDone;
    }

    int operations() {
        return operations;
    }
}
