package vn.motcua.systemtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operations of a chaos run, drawn from one seed before anything runs: the same seed, round count and fault
 * selection give the same operations in the same order, whatever the processes did with them. An operation never
 * depends on what an earlier one returned (the executor makes each one tolerant of the state it meets), so a
 * failing seed replays as the same sequence.
 */
final class ChaosPlan {
    /** What one operation does. The faults are the kinds with a {@link #fault} name. */
    enum Kind {
        TICKET(null), RATING(null), CALL(null), FINISH(null), NO_SHOW(null),
        /** A call that the officer finishes days later: call, clock forward by {@code arg} days, finish. */
        LONG_CALL("call-spanning-days"),
        CLOCK_STEP("clock-step"),
        AGENT_KILL("agent-kill"),
        DB_SNAPSHOT(null),
        DB_RESTORE("db-restore"),
        BROKER_RESTART("broker-restart"),
        BROKER_KILL("broker-kill"),
        BROKER_START(null),
        CENTRAL_KILL("central-kill"),
        CENTRAL_START(null),
        /** A rating whose comment holds a control character or a lone surrogate, through the agent's own API. */
        POISON_INPUT("poison-input"),
        FORGED_ACK("forged-ack"),
        FORGED_STATUS("forged-status"),
        FORGED_CMD("forged-cmd"),
        FORGED_RESULT("forged-result"),
        POISON_EVENT("poison-event"),
        /** A real signed command from an operator, so that a forged result has something to falsify. */
        OPERATOR_COMMAND(null);

        final String fault;

        Kind(String fault) {
            this.fault = fault;
        }

        static Set<String> faultNames() {
            return EnumSet.allOf(Kind.class).stream().filter(k -> k.fault != null).map(k -> k.fault)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /** Who a forgery comes from: nobody, another kiosk's broker login, or the victim's own login off its SD card. */
    enum ForgedBy {
        ANONYMOUS, OTHER_KIOSK, OWN_LOGIN;

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One operation. {@code kiosk} indexes the run's kiosks; {@code arg} and {@code variant} are per kind (a clock
     * step in seconds, a forged ack's form, …); {@code forger} only for forgeries.
     */
    record Op(int index, int round, Kind kind, int kiosk, long arg, int variant, ForgedBy forger) {
        String describe(List<String> kioskNames) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "#%d r%d %s", index, round,
                    kind.name().toLowerCase(Locale.ROOT).replace('_', '-')));
            if (kiosk >= 0) {
                b.append(' ').append(kioskNames.get(kiosk));
            }
            if (arg != 0) {
                b.append(" arg=").append(arg);
            }
            if (variant != 0) {
                b.append(" variant=").append(variant);
            }
            if (forger != null) {
                b.append(" from=").append(forger.wire());
            }
            return b.toString();
        }
    }

    private static final long DAY = 86_400;
    /** Clock offsets the plan keeps each kiosk inside: a day behind to ten days ahead of real time. */
    private static final long MIN_OFFSET = -DAY;
    private static final long MAX_OFFSET = 10 * DAY;
    private static final long[] CLOCK_STEPS = {300, 7_200, DAY, 3 * DAY, -3_600, -DAY, -7_200};

    final long seed;
    final List<List<Op>> rounds;

    private ChaosPlan(long seed, List<List<Op>> rounds) {
        this.seed = seed;
        this.rounds = rounds;
    }

    int operations() {
        return rounds.stream().mapToInt(List::size).sum();
    }

    /**
     * @param faults the fault names to draw from ({@link Kind#fault}); the others are never drawn, their share
     *               going to tickets, ratings and calls
     */
    static ChaosPlan draw(long seed, int rounds, int opsPerRound, int kiosks, Set<String> faults) {
        Random random = new Random(seed);
        Generator g = new Generator(random, kiosks, faults);
        List<List<Op>> all = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            all.add(Collections.unmodifiableList(g.round(r, opsPerRound)));
        }
        return new ChaosPlan(seed, Collections.unmodifiableList(all));
    }

    /** Draws one round at a time and keeps what the plan itself decided (who is down, each kiosk's clock). */
    private static final class Generator {
        private final Random random;
        private final int kiosks;
        private final Set<String> faults;
        private final long[] clockOffset;
        private final boolean[] snapshotTaken;
        private int index;
        private int centralDownFor = -1;
        private int brokerDownFor = -1;

        Generator(Random random, int kiosks, Set<String> faults) {
            this.random = random;
            this.kiosks = kiosks;
            this.faults = faults;
            this.clockOffset = new long[kiosks];
            this.snapshotTaken = new boolean[kiosks];
        }

        List<Op> round(int round, int size) {
            List<Op> ops = new ArrayList<>();
            while (ops.size() < size) {
                int before = ops.size();
                if (centralDownFor == 0) {
                    ops.add(op(round, Kind.CENTRAL_START, -1, 0, 0, null));
                    centralDownFor = -1;
                } else if (brokerDownFor == 0) {
                    ops.add(op(round, Kind.BROKER_START, -1, 0, 0, null));
                    brokerDownFor = -1;
                } else {
                    draw(round, ops);
                }
                int added = ops.size() - before;
                if (centralDownFor > 0) {
                    centralDownFor = Math.max(0, centralDownFor - added);
                }
                if (brokerDownFor > 0) {
                    brokerDownFor = Math.max(0, brokerDownFor - added);
                }
            }
            // a round ends with everything up again, so that its settling measures sync, not an outage
            if (centralDownFor >= 0) {
                ops.add(op(round, Kind.CENTRAL_START, -1, 0, 0, null));
                centralDownFor = -1;
            }
            if (brokerDownFor >= 0) {
                ops.add(op(round, Kind.BROKER_START, -1, 0, 0, null));
                brokerDownFor = -1;
            }
            return ops;
        }

        private void draw(int round, List<Op> ops) {
            int kiosk = random.nextInt(kiosks);
            int dice = random.nextInt(100);
            // business first: seven in ten operations are what citizens and officers do
            if (dice < 30) {
                ops.add(op(round, Kind.TICKET, kiosk, 0, random.nextInt(4), null));
                return;
            }
            if (dice < 42) {
                ops.add(op(round, Kind.RATING, kiosk, 0, random.nextInt(5), null));
                return;
            }
            if (dice < 55) {
                ops.add(op(round, Kind.CALL, kiosk, 0, 0, null));
                return;
            }
            if (dice < 66) {
                ops.add(op(round, Kind.FINISH, kiosk, 0, 0, null));
                return;
            }
            if (dice < 69) {
                ops.add(op(round, Kind.NO_SHOW, kiosk, 0, 0, null));
                return;
            }
            List<Kind> allowed = new ArrayList<>();
            for (Kind k : Kind.values()) {
                if (k.fault != null && faults.contains(k.fault) && possible(k, kiosk)) {
                    allowed.add(k);
                }
            }
            if (faults.contains(Kind.DB_RESTORE.fault) && !snapshotTaken[kiosk]) {
                allowed.add(Kind.DB_SNAPSHOT);
            }
            if (faults.contains(Kind.FORGED_RESULT.fault) && centralDownFor < 0 && brokerDownFor < 0) {
                allowed.add(Kind.OPERATOR_COMMAND);
            }
            if (allowed.isEmpty()) {
                ops.add(op(round, Kind.TICKET, kiosk, 0, random.nextInt(4), null));
                return;
            }
            Kind kind = allowed.get(random.nextInt(allowed.size()));
            switch (kind) {
                case LONG_CALL -> {
                    long days = 1 + random.nextInt(3);
                    if (clockOffset[kiosk] + days * DAY > MAX_OFFSET) {
                        ops.add(op(round, Kind.CLOCK_STEP, kiosk, 0, 0, null));
                        clockOffset[kiosk] = 0;
                    }
                    ops.add(op(round, Kind.LONG_CALL, kiosk, days, 0, null));
                    clockOffset[kiosk] += days * DAY;
                }
                case CLOCK_STEP -> {
                    long step = CLOCK_STEPS[random.nextInt(CLOCK_STEPS.length)];
                    long next = Math.max(MIN_OFFSET, Math.min(MAX_OFFSET, clockOffset[kiosk] + step));
                    if (next == clockOffset[kiosk]) {
                        next = 0;
                    }
                    ops.add(op(round, Kind.CLOCK_STEP, kiosk, next, 0, null));
                    clockOffset[kiosk] = next;
                }
                case DB_SNAPSHOT -> {
                    ops.add(op(round, Kind.DB_SNAPSHOT, kiosk, 0, 0, null));
                    snapshotTaken[kiosk] = true;
                }
                case DB_RESTORE -> ops.add(op(round, Kind.DB_RESTORE, kiosk, 0, 0, null));
                case CENTRAL_KILL -> {
                    ops.add(op(round, Kind.CENTRAL_KILL, -1, 0, 0, null));
                    centralDownFor = 2 + random.nextInt(5);
                }
                case BROKER_RESTART -> ops.add(op(round, Kind.BROKER_RESTART, -1, 0, 0, null));
                case BROKER_KILL -> {
                    ops.add(op(round, Kind.BROKER_KILL, -1, 0, 0, null));
                    brokerDownFor = 1 + random.nextInt(4);
                }
                case FORGED_ACK -> ops.add(op(round, kind, kiosk, 0, random.nextInt(5),
                        forger(ForgedBy.ANONYMOUS, ForgedBy.OTHER_KIOSK, ForgedBy.OWN_LOGIN)));
                case FORGED_CMD -> ops.add(op(round, kind, kiosk, 0, random.nextInt(3),
                        forger(ForgedBy.ANONYMOUS, ForgedBy.OTHER_KIOSK, ForgedBy.OWN_LOGIN)));
                case FORGED_STATUS, FORGED_RESULT -> ops.add(op(round, kind, kiosk, 0,
                        random.nextInt(3), forger(ForgedBy.ANONYMOUS, ForgedBy.OTHER_KIOSK)));
                // with its own stolen login a kiosk's events are its own: central must keep them out of the way
                case POISON_EVENT -> ops.add(op(round, kind, kiosk, 0, random.nextInt(3),
                        forger(ForgedBy.ANONYMOUS, ForgedBy.OTHER_KIOSK, ForgedBy.OWN_LOGIN)));
                default -> ops.add(op(round, kind, kiosk, 0, random.nextInt(3), null));
            }
        }

        /** Faults that need the broker or central up are drawn only while the plan has them up. */
        private boolean possible(Kind k, int kiosk) {
            return switch (k) {
                case CENTRAL_KILL -> centralDownFor < 0 && brokerDownFor < 0;
                case BROKER_RESTART, BROKER_KILL -> brokerDownFor < 0 && centralDownFor < 0;
                case DB_RESTORE -> snapshotTaken[kiosk] && centralDownFor < 0 && brokerDownFor < 0;
                case FORGED_ACK, FORGED_STATUS, FORGED_CMD, FORGED_RESULT, POISON_EVENT -> brokerDownFor < 0;
                default -> true;
            };
        }

        private ForgedBy forger(ForgedBy... from) {
            return from[random.nextInt(from.length)];
        }

        private Op op(int round, Kind kind, int kiosk, long arg, int variant, ForgedBy forger) {
            return new Op(++index, round, kind, kiosk, arg, variant, forger);
        }
    }
}
