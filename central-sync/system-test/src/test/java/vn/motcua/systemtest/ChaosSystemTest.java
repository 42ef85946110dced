package vn.motcua.systemtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A chaos property test over the real processes (Mosquitto, central-sync on PostgreSQL, three kiosk-agents on two
 * sites that both have a {@code kiosk-01}): random but seeded interleavings of tickets, ratings, counter calls
 * (some finished days later), clock steps forward and back, kill -9 of an agent, of the broker and of central, an
 * agent database put back from an older copy, and forged acks, statuses, commands, command results and poison
 * events from an anonymous client, from another kiosk's login and from the victim's own login.
 *
 * <p>After every round: every event an agent committed is at central exactly once, or in quarantine with its reason;
 * every kiosk's outbox empties within {@code chaos.stallSeconds} of its last commit; nothing forged shows up where
 * a login would have stopped it; no kiosk's event is held under another kiosk or site.
 *
 * <p>Properties: {@code chaos.rounds} (the build runs a few), {@code chaos.seed} (a failure prints its seed and the
 * operation log), {@code chaos.faults} (a comma list of fault kinds to draw from, e.g. {@code forged-ack}; all by
 * default; {@code none} for none), {@code chaos.opsPerRound}, {@code chaos.stallSeconds}, {@code chaos.sharedKioskId=false} (site B's kiosk is then
 * {@code kiosk-03}, to look at other faults alone on code that confuses two sites' {@code kiosk-01}).
 */
class ChaosSystemTest {
    private Path work;
    private ChaosWorld world;
    private ChaosRun run;

    @BeforeEach
    void freshWorkFolder(TestInfo test) throws java.io.IOException {
        work = RunFolder.of(test);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (run != null) {
            System.out.println(run.summary());
        }
        if (world != null) {
            world.close();
        }
    }

    /** The production shape: the broker takes only provisioned logins and holds each to its ACL. */
    @Test
    void givenBrokerWithLogins_whenRandomFaultsAndForgeries_thenEveryCommittedEventAtCentralOnceAndNoKioskStalls()
            throws Exception {
        runChaos(true);
    }

    /**
     * A broker left open to anyone: what keeps the data safe is then only the agents' and central's own checks
     * (signed acks and commands, validation, quarantine); forged events and statuses on a kiosk's own topic cannot
     * be told from the kiosk there and are only counted.
     */
    @Test
    void givenOpenBroker_whenRandomFaultsAndForgeries_thenNoForgeryLosesOrStallsAnything() throws Exception {
        runChaos(false);
    }

    private void runChaos(boolean credentials) throws Exception {
        long seed = longProperty("chaos.seed", new SecureRandom().nextLong());
        int rounds = (int) longProperty("chaos.rounds", 2);
        int opsPerRound = (int) longProperty("chaos.opsPerRound", 12);
        Duration stallLimit = Duration.ofSeconds(longProperty("chaos.stallSeconds", 120));
        Set<String> faults = faults();
        ChaosPlan plan = ChaosPlan.draw(seed, rounds, opsPerRound, 3, faults);
        System.out.printf("chaos: seed %d, %d rounds, %d operations, faults %s, broker logins %s%n", seed, rounds,
                plan.operations(), faults, credentials);
        boolean sharedKioskId = !System.getProperty("chaos.sharedKioskId", "true").strip().equals("false");
        world = ChaosWorld.start(work, credentials, sharedKioskId);
        run = new ChaosRun(world, plan, stallLimit);
        run.run();
    }

    private static Set<String> faults() {
        String value = System.getProperty("chaos.faults", "").strip();
        Set<String> all = ChaosPlan.Kind.faultNames();
        if (value.isEmpty()) {
            return all;
        }
        if (value.equals("none")) {
            return Set.of();
        }
        Set<String> chosen = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!all.containsAll(chosen)) {
            chosen.removeAll(all);
            throw new IllegalArgumentException("chaos.faults: unknown " + chosen + "; known: " + all);
        }
        return chosen;
    }

    private static long longProperty(String name, long otherwise) {
        String value = System.getProperty(name, "").strip();
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
