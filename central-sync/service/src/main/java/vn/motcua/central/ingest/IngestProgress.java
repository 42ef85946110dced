package vn.motcua.central.ingest;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether ingest makes progress: how many received messages wait to be stored, since when some have been waiting
 * (including messages left with the broker to be delivered again after a failed store), and when a group was last
 * stored. Ingest is stalled when messages have been waiting longer than the allowed time and nothing was stored
 * meanwhile. Thread-safe; one per process.
 */
@Singleton
public class IngestProgress {
    private final Clock clock;
    private long waiting;
    private Instant backlogSince;
    private Instant lastStoredAt;
    private boolean redelivering;

    public IngestProgress(Clock clock) {
        this.clock = clock;
    }

    /** A message was received and waits for the writer. */
    synchronized void arrived() {
        waiting++;
        if (backlogSince == null) {
            backlogSince = clock.instant();
        }
    }

    /** The writer stored (or refused) {@code messages} and acknowledged them to the broker. */
    synchronized void handled(int messages) {
        waiting = Math.max(0, waiting - messages);
        lastStoredAt = clock.instant();
        redelivering = false;
        if (waiting == 0) {
            backlogSince = null;
        }
    }

    /** The store kept failing: every waiting message was left with the broker, which delivers it again. */
    synchronized void leftWithBroker() {
        waiting = 0;
        redelivering = true;
        if (backlogSince == null) {
            backlogSince = clock.instant();
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(waiting, redelivering, backlogSince, lastStoredAt, clock.instant());
    }

    /** What health reports. */
    public record Snapshot(long waiting, boolean redelivering, Instant backlogSince, Instant lastStoredAt,
                           Instant now) {

        /** How long messages have waited without anything being stored; zero when nothing waits. */
        public Duration stalledFor() {
            if (backlogSince == null) {
                return Duration.ZERO;
            }
            Instant since = lastStoredAt != null && lastStoredAt.isAfter(backlogSince) ? lastStoredAt : backlogSince;
            return Duration.between(since, now).isNegative() ? Duration.ZERO : Duration.between(since, now);
        }
    }
}
