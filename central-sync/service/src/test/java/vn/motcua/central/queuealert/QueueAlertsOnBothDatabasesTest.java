package vn.motcua.central.queuealert;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.alert.Alert;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.fleet.FleetConfig;
import vn.motcua.central.report.BothDatabases;
import vn.motcua.central.report.ReportConfig;
import vn.motcua.central.report.TicketProgressRollup;
import vn.motcua.central.MovingClock;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue alerts raised from stored ticket events and a kiosk's signed-in counters, acknowledged, and cleared when
 * the counter calls, on SQLite and PostgreSQL.
 */
class QueueAlertsOnBothDatabasesTest {
    private static final Instant START = Instant.parse("2026-11-30T03:00:00Z");
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_queue_alerts");
    private Database database;

    private final List<KioskEvent> events = new ArrayList<>();

    private KioskEvent event(Instant at, EventBody body) {
        KioskEvent e = new KioskEvent(events.size() + 1, UUID.randomUUID(), EventType.of(body),
                OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(7)), true, "boot-1",
                at.toEpochMilli() - START.toEpochMilli() + 86_400_000L, body);
        events.add(e);
        return e;
    }

    private static Map<String, Alert> byKindAndSubject(AlertStore alerts) {
        Map<String, Alert> out = new TreeMap<>();
        alerts.recent(null, 50).forEach(a -> out.put(a.kind() + ":" + a.subject(), a));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenALongWaitALongQueueAndAnIdleCounter_whenTheCounterCalls_thenTheirAlertsAreRaisedThenCleared(
            String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        MovingClock clock = new MovingClock(START);
        EventStore store = JdbcEventStore.on(sql, clock);
        // A: target 20 minutes, alert past 2 waiting; counter 1 serves A; idle after 15 minutes
        SiteConfig config = new SiteConfig(1, "UBND phường Bến Nghé",
                List.of(new SiteConfig.Service("A", "Văn bằng", null, 20, null, 2)),
                List.of(new SiteConfig.Counter("1", "Quầy 1", List.of("A"))), List.of(), List.of(), 5, List.of(), "sig").withIdleCounterMinutes(15);
        sql.write("publish", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_configs (site_id, version, body, "
                    + "published_by, published_at) VALUES ('s1', 1, ?, 'admin', 0)")) {
                ps.setString(1, new String(new ProtocolCodec().encode(config), StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            return null;
        });
        SignedInCounters signedIn = new SignedInCounters(sql, clock);
        signedIn.record("s1", "k1", List.of("1"), START.toEpochMilli());
        store.storeBatch("s1", EventBatch.of("k1", List.of(
                event(START, new TicketIssued("t1", "A", 1, "A001", null)),
                event(START.plusSeconds(600), new TicketIssued("t2", "A", 2, "A002", null)),
                event(START.plusSeconds(1200), new TicketIssued("t3", "A", 3, "A003", null)))));
        TicketProgressRollup progress = new TicketProgressRollup(sql, new ReportConfig(Duration.ofSeconds(1), 100,
                Duration.ofMinutes(10)), clock);
        progress.runOnce();
        FleetConfig fleet = new FleetConfig(Duration.ofSeconds(90), Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 90, 80, 50, 100, "", "central-fleet");
        AlertStore alerts = new AlertStore(sql);
        QueueAlertEvaluator evaluator = new QueueAlertEvaluator(new LiveQueues(sql), alerts, fleet, clock);

        // 20 minutes in: three waiting (past 2), the longest exactly 20 minutes, the counter idle 20 minutes
        clock.set(START.plusSeconds(1200));
        signedIn.record("s1", "k1", List.of("1"), clock.millis());
        assertEquals(2, evaluator.evaluate());
        assertEquals(List.of("idle_counter:1", "long_queue:A"), List.copyOf(byKindAndSubject(alerts).keySet()));
        // 21 minutes in: the longest wait is past 20
        clock.set(START.plusSeconds(1260));
        signedIn.record("s1", "k1", List.of("1"), clock.millis());
        assertEquals(1, evaluator.evaluate());
        assertEquals(0, evaluator.evaluate(), "raised once");
        Map<String, Alert> raised = byKindAndSubject(alerts);
        assertEquals(List.of("idle_counter:1", "long_queue:A", "long_wait:A"), List.copyOf(raised.keySet()));
        assertTrue(raised.get("long_wait:A").detail().contains("3 waiting"), raised.get("long_wait:A").detail());
        assertTrue(alerts.acknowledge(raised.get("long_wait:A").id(), "van.hanh", clock.millis()));

        // the counter calls the first ticket: two wait, the longest 11 minutes; the counter is serving
        store.storeBatch("s1", EventBatch.of("k1", List.of(
                event(START.plusSeconds(1270), new TicketCalled("t1", "1", "cb-1")))));
        progress.runOnce();
        clock.set(START.plusSeconds(1280));
        signedIn.record("s1", "k1", List.of("1"), clock.millis());
        assertEquals(3, evaluator.evaluate());
        Map<String, Alert> after = byKindAndSubject(alerts);
        for (Alert a : after.values()) {
            assertEquals(clock.millis(), a.clearedAt(), a.kind() + " cleared");
        }
        assertEquals("van.hanh", after.get("long_wait:A").acknowledgedBy());

        // signed out: the counter raises nothing however long the queue waits
        signedIn.record("s1", "k1", List.of(), clock.millis());
        clock.set(START.plusSeconds(3600));
        evaluator.evaluate();
        assertEquals(List.of("idle_counter:1", "long_queue:A", "long_wait:A"),
                List.copyOf(byKindAndSubject(alerts).keySet()));
        assertEquals(1, alerts.recent(null, 50).stream().filter(a -> a.clearedAt() == 0).count(),
                "only a new long wait is open");
    }
}
