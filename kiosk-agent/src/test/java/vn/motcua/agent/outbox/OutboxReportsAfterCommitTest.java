package vn.motcua.agent.outbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.agent.support.OutboxReader;
import vn.motcua.agent.support.TempDb;
import vn.motcua.protocol.event.TicketServed;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Business code only appends inside its transaction: the outbox itself wakes the publisher and reports its backlog
 * once that transaction commits, and not at all when it rolls back.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxReportsAfterCommitTest implements TestPropertyProvider {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-01T10:00:00+07:00");

    @Inject
    Outbox outbox;
    @Inject
    Database db;
    @Inject
    KioskHealth health;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("kiosk.db-file", TempDb.newFile("outbox-after-commit"), "agent.sync.enabled", "false");
    }

    private static TicketServed served() {
        return new TicketServed("t-1", "1", "cb-an", 60);
    }

    @Test
    void givenAppendsCommittedAndRolledBack_whenBacklogRead_thenOnlyCommittedOnesCountAndAnAckTakesThemOff() {
        long before = health.current().outboxBacklog();

        db.transaction(c -> outbox.append(c, served(), AT));
        db.transaction(c -> outbox.append(c, served(), AT));
        assertEquals(before + 2, health.current().outboxBacklog());

        assertThrows(IllegalStateException.class, () -> db.transaction(c -> {
            outbox.append(c, served(), AT);
            throw new IllegalStateException("the ticket could not be stored");
        }));
        assertEquals(before + 2, health.current().outboxBacklog(), "a rolled-back append is not reported");
        assertEquals(before + 2, db.transaction(outbox::backlog), "and not stored");

        long last = OutboxReader.lastSeq(db);
        db.transaction(c -> outbox.acknowledge(c, last - 1));
        assertEquals(1, health.current().outboxBacklog());
    }

    @Test
    void givenWorkAfterCommit_whenTransactionCommitsOrRollsBack_thenItRunsOnlyAfterACommitOutsideTheTransaction() {
        List<String> ran = new ArrayList<>();
        db.transaction(c -> {
            db.afterCommit(() -> ran.add("first"));
            db.transaction(inner -> {
                db.afterCommit(() -> ran.add("inner"));
                return null;
            });
            assertEquals(List.of(), ran, "nothing runs before the outermost commit");
            return null;
        });
        assertEquals(List.of("first", "inner"), ran);

        ran.clear();
        assertThrows(IllegalStateException.class, () -> db.transaction(c -> {
            db.afterCommit(() -> ran.add("rolled back"));
            throw new IllegalStateException("rolled back");
        }));
        db.transaction(c -> null);
        assertEquals(List.of(), ran, "dropped with its transaction, not run by the next one");
        assertThrows(IllegalStateException.class, () -> db.afterCommit(() -> ran.add("no transaction")));
        assertFalse(ran.contains("no transaction"));
    }
}
