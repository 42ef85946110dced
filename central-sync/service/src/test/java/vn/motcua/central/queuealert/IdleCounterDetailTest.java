package vn.motcua.central.queuealert;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.alert.Alert;
import vn.motcua.central.alert.AlertStore;
import vn.motcua.central.fleet.FleetConfig;
import vn.motcua.central.report.BothDatabases;
import vn.motcua.central.store.Database;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An idle counter's alert says since when it called nobody, counted from its latest ticket event of the day even
 * when that is older than the idle minutes, on SQLite and PostgreSQL.
 */
class IdleCounterDetailTest {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final long MIN = 60_000;
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_idle_detail");

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenACounterWhoseLastServiceIsOlderThanTheIdleMinutes_whenItIsIdle_thenItsAlertCountsFromThatService(
            String dialect) throws Exception {
        Database sql = databases.open(dialect);
        long now = NOW.toEpochMilli();
        SiteConfig config = new SiteConfig(1, "UBND phường Bến Nghé",
                List.of(new SiteConfig.Service("A", "Văn bằng", null, null, null, null)),
                List.of(new SiteConfig.Counter("1", "Quầy 1", List.of("A"))), List.of(), List.of(), 5, List.of(),
                "sig").withIdleCounterMinutes(15);
        sql.write("seed", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_configs (site_id, version, body, "
                    + "published_by, published_at) VALUES ('s1', 1, ?, 'admin', 0)")) {
                ps.setString(1, new String(new ProtocolCodec().encode(config), StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ticket_progress (ticket_id, site_id, kiosk_id, service, display, number, issued_at,
                        state, counter, changed_at) VALUES (?, 's1', 'k1', 'A', ?, ?, ?, ?, ?, ?)""")) {
                // served 20 minutes ago, after the one waiting came 40 minutes ago
                Object[][] rows = {{"t1", 1, now - 50 * MIN, "served", "1", now - 20 * MIN},
                        {"t2", 2, now - 40 * MIN, "waiting", null, now - 40 * MIN}};
                for (Object[] r : rows) {
                    ps.setString(1, (String) r[0]);
                    ps.setString(2, "A00" + r[1]);
                    ps.setLong(3, (Integer) r[1]);
                    ps.setLong(4, (Long) r[2]);
                    ps.setString(5, (String) r[3]);
                    ps.setString(6, (String) r[4]);
                    ps.setLong(7, (Long) r[5]);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        SignedInCounters signedIn = new SignedInCounters(sql, Clock.fixed(NOW, ZoneOffset.UTC));
        signedIn.record("s1", "k1", List.of("1"), now - 60 * MIN);
        signedIn.record("s1", "k1", List.of("1"), now);
        FleetConfig fleet = new FleetConfig(Duration.ofSeconds(90), Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 90, 80, 50, 100, "", "central-fleet");
        AlertStore alerts = new AlertStore(sql);
        QueueAlertEvaluator evaluator = new QueueAlertEvaluator(new LiveQueues(sql), alerts, fleet,
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(1, evaluator.evaluate());
        List<Alert> raised = alerts.recent(null, 10);
        assertEquals(1, raised.size());
        assertEquals("counter 1: no call for 20 min, threshold 15 min, 1 waiting", raised.get(0).detail());
        // the same, kept for the reader's language: counter, minutes idle, threshold, people waiting
        assertEquals("idle_counter", raised.get(0).detailKey());
        assertEquals(List.of("1", "20", "15", "1"), raised.get(0).detailArgs());
        assertEquals(0, evaluator.evaluate(), "raised once");
    }
}
