package vn.motcua.central.queuealert;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue alerts' cost at ten times Hải Phòng's scale, on PostgreSQL: 1,200 sites of 10 kiosks (12,000 kiosks),
 * each kiosk with the live state of a peak hour seeded straight into the tables the rollups keep — 67 tickets in
 * {@code ticket_progress} (33 of yesterday, 25 of today served or missed at its two counters, one at a counter, eight
 * waiting over three services: about 800,000 rows, two days at 400,000 tickets a day) and two signed-in counters.
 * One kiosk in ten has a long wait; its counters are busy. Prints the time of one evaluation once the alerts are raised, and its cost per
 * minute at the default cadence (every 10 s). Not a test: run with {@code -Pbench}.
 */
class QueueAlertBenchmark {
    private static final int SITES = 1_200;
    private static final int KIOSKS_PER_SITE = 10;
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final long MIN = 60_000;
    private static BothDatabases databases;

    @BeforeAll
    static void createDatabase() throws Exception {
        databases = BothDatabases.create("central_queue_bench");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        databases.close();
    }

    @Test
    void evaluationAt12000Kiosks() throws Exception {
        try (Database sql = databases.open("postgresql")) {
            long seeding = System.nanoTime();
            seed(sql);
            System.out.printf(Locale.ROOT, "seeded %d sites, %d kiosks in %.1f s%n", SITES, SITES * KIOSKS_PER_SITE,
                    (System.nanoTime() - seeding) / 1e9);
            FleetConfig fleet = new FleetConfig(Duration.ofSeconds(90), Duration.ofMinutes(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(2), 90, 80, 50, 100, "", "central-fleet");
            QueueAlertEvaluator evaluator = new QueueAlertEvaluator(new LiveQueues(sql), new AlertStore(sql), fleet,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            long first = System.nanoTime();
            int raised = evaluator.evaluate();
            double firstMs = (System.nanoTime() - first) / 1e6;
            int runs = 20;
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                evaluator.evaluate();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            double perMinute = ms[runs / 2] * (60.0 / fleet.evaluateEvery().toSeconds());
            System.out.printf(Locale.ROOT, "first evaluation (raising %d alerts): %.0f ms%n", raised, firstMs);
            System.out.printf(Locale.ROOT, "evaluation, %d runs: median %.0f ms, max %.0f ms; every %d s: %.0f ms "
                    + "of work per minute (%.1f %% of the minute)%n", runs, ms[runs / 2], ms[runs - 1],
                    fleet.evaluateEvery().toSeconds(), perMinute, perMinute / 600);
            assertTrue(raised > 0, "the seeded long waits raise alerts");
        }
    }

    private static void seed(Database sql) {
        ProtocolCodec codec = new ProtocolCodec();
        String[] services = {"A", "B", "C"};
        sql.write("seed configurations", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_configs (site_id, version, body, "
                    + "published_by, published_at) VALUES (?, 1, ?, 'bench', 0)")) {
                for (int s = 0; s < SITES; s++) {
                    SiteConfig config = new SiteConfig(1, "Điểm " + s, List.of(
                            new SiteConfig.Service("A", "Văn bằng", null, 30, null, 20),
                            new SiteConfig.Service("B", "Tuyển sinh", null, 20, null, 20),
                            new SiteConfig.Service("C", "Khác", null, 45, null, null)),
                            List.of(new SiteConfig.Counter("1", "Quầy 1", List.of("A", "B")),
                                    new SiteConfig.Counter("2", "Quầy 2", List.of("B", "C"))),
                            List.of(), List.of(), 5, List.of(), "sig").withIdleCounterMinutes(15);
                    ps.setString(1, "site-" + s);
                    ps.setString(2, new String(codec.encode(config), StandardCharsets.UTF_8));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        long now = NOW.toEpochMilli();
        for (int s = 0; s < SITES; s++) {
            int site = s;
            sql.write("seed site " + s, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO ticket_progress (ticket_id, site_id, kiosk_id, service, display, number,
                            issued_at, state, counter, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                     PreparedStatement in = c.prepareStatement("INSERT INTO counters_signed_in (site_id, kiosk_id, "
                             + "counter, since, seen_at) VALUES (?, ?, ?, ?, ?)")) {
                    for (int k = 0; k < KIOSKS_PER_SITE; k++) {
                        String kiosk = "kiosk-" + k;
                        boolean late = k == 0; // one kiosk in ten: its oldest waiting ticket waits 50 minutes
                        List<Object[]> rows = new ArrayList<>();
                        for (int t = 0; t < 33; t++) {
                            rows.add(new Object[]{"y" + t, services[t % 3], now - 24 * 60 * MIN + t * MIN, "served",
                                    String.valueOf(1 + t % 2), now - 24 * 60 * MIN + (t + 5) * MIN});
                        }
                        for (int t = 0; t < 25; t++) {
                            rows.add(new Object[]{"d" + t, services[t % 3], now - 90 * MIN + t * 3 * MIN,
                                    t % 7 == 0 ? "no_show" : "served", String.valueOf(1 + t % 2),
                                    now - 74 * MIN + t * 3 * MIN});
                        }
                        rows.add(new Object[]{"c0", "A", now - 20 * MIN, "called", "1", now - 4 * MIN});
                        // waiting 3 to 17 minutes, within every threshold; at the late kiosk A001 waits 50
                        for (int t = 0; t < 8; t++) {
                            long issued = now - (late && t == 0 ? 50 : 3 + t * 2) * MIN;
                            rows.add(new Object[]{"w" + t, services[t % 3], issued, "waiting", null, issued});
                        }
                        int number = 0;
                        for (Object[] r : rows) {
                            ps.setString(1, (String) r[0]);
                            ps.setString(2, "site-" + site);
                            ps.setString(3, kiosk);
                            ps.setString(4, (String) r[1]);
                            ps.setString(5, r[1] + String.format(Locale.ROOT, "%03d", ++number));
                            ps.setLong(6, number);
                            ps.setLong(7, (Long) r[2]);
                            ps.setString(8, (String) r[3]);
                            ps.setString(9, (String) r[4]);
                            ps.setLong(10, (Long) r[5]);
                            ps.addBatch();
                        }
                        for (String counter : new String[]{"1", "2"}) {
                            in.setString(1, "site-" + site);
                            in.setString(2, kiosk);
                            in.setString(3, counter);
                            in.setLong(4, now - 180 * MIN);
                            in.setLong(5, now - 10_000);
                            in.addBatch();
                        }
                    }
                    ps.executeBatch();
                    in.executeBatch();
                }
                return null;
            });
        }
        sql.write("analyze", c -> {
            c.createStatement().execute("ANALYZE ticket_progress");
            c.createStatement().execute("ANALYZE counters_signed_in");
            return null;
        });
    }
}
