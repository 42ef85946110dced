package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figures of the web console on PostgreSQL (mvn -Pbench): one-month satisfaction reports over a year of rollup rows,
 * the month queried standing for more than ten million ratings (p50/p95 over HTTP, per filter and grouping, so each
 * rollup table is read), and the command round trip page → agent → result; and, on its own
 * (-Dtest=WebConsoleBenchmark#fleetPageOf5000Kiosks), the fleet page with 5,000 kiosks: time and bytes of its first
 * page, of a filtered page and of one live update.
 */
class WebConsoleBenchmark {
    private static final String ADMIN = "bench-admin";
    private static final String PASSWORD = "bench-password-123";
    private static final Path MIGRATIONS = Path.of("..", "service", "src", "main", "resources", "db", "postgresql");
    private final List<ManagedProcess> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path work;
    private String database;

    @BeforeEach
    void folder(TestInfo test) throws Exception {
        work = RunFolder.of(test);
    }

    @AfterEach
    void stop() throws Exception {
        for (ManagedProcess p : started) {
            p.stop();
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(Postgres.adminUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private String[] signIn(CentralSync central) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(central.api("/login")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new String[]{cookie.substring(0, cookie.indexOf(';')), Http.JSON.readTree(r.body()).get("csrf").asText()};
    }

    private HttpResponse<byte[]> get(CentralSync central, String[] session, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(central.api(path))).header("Cookie", session[0]).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The INSERT ... SELECT statements with which the migrations fill the narrower rating rollups. */
    private static List<String> backfills() throws Exception {
        List<String> out = new ArrayList<>();
        for (String migration : List.of("V5__rating_daily_site.sql", "V9__rating_daily_by_dimension.sql")) {
            String sql = Files.readString(MIGRATIONS.resolve(migration)).replaceAll("(?m)^--.*$", "");
            for (String statement : sql.split(";")) {
                if (statement.strip().startsWith("INSERT")) {
                    out.add(statement.strip());
                }
            }
        }
        assertEquals(4, out.size(), "backfills found in " + MIGRATIONS);
        return out;
    }

    @Test
    void reportsAndCommandRoundTrip() throws Exception {
        database = Postgres.createFreshDatabase("central_web_bench");
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        CentralSync central = CentralSync.create("central-bench", broker.url(), 0, Postgres.url(database), work);
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", PASSWORD);
        central.putEnv("REPORTS_ROLLUP_EVERY", "1h");
        started.add(central);
        central.start();

        long ratings;
        long monthRatings;
        long rows;
        try (Connection c = DriverManager.getConnection(Postgres.url(database), "postgres", "");
             Statement s = c.createStatement()) {
            // a year, 50 sites x 4 counters x 2 officers x 10 procedures x 5 levels, 14-20 ratings a row: a month
            // stands for more than ten million ratings
            long t0 = System.nanoTime();
            s.execute("""
                    INSERT INTO rating_daily (day, site_id, counter, officer_id, procedure_code, level, ratings)
                    SELECT to_char(DATE '2026-01-01' + d, 'YYYY-MM-DD'), 'site-' || si, 'c' || co,
                           'cb-' || co || '-' || o, 'p' || p, l, 14 + ((d + si + co + o + p) % 7)
                    FROM generate_series(0, 364) d, generate_series(1, 50) si, generate_series(1, 4) co,
                         generate_series(1, 2) o, generate_series(1, 10) p,
                         unnest(ARRAY['very_satisfied','satisfied','neutral','dissatisfied','very_dissatisfied']) l
                    """);
            // the narrower rollups from rating_daily exactly as the migrations backfill them
            for (String statement : backfills()) {
                s.execute(statement);
            }
            // a tenth of March's ratings low, each kept with its reasons and comment for the report's list
            s.execute("""
                    INSERT INTO low_ratings (event_id, day, at, site_id, kiosk_id, counter, officer_id, procedure_code,
                                             level, reasons, comment)
                    SELECT 'low-' || i, to_char(t, 'YYYY-MM-DD'), to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
                           'site-' || (1 + i % 50), 'kiosk-' || (i % 50), 'c' || (1 + i % 4), 'cb-1-1', 'p' || (1 + i % 10),
                           CASE WHEN i % 3 = 0 THEN 'very_dissatisfied' ELSE 'dissatisfied' END, 'long_wait',
                           CASE WHEN i % 5 = 0 THEN 'Chờ lâu quá' END
                    FROM generate_series(1, 1000000) i,
                         LATERAL (SELECT TIMESTAMP '2026-03-01 07:30' + (i % 31) * INTERVAL '1 day'
                                         + (i % 36000) * INTERVAL '1 second' AS t) w
                    """);
            for (String table : List.of("rating_daily", "rating_daily_site", "rating_daily_counter",
                    "rating_daily_officer", "rating_daily_procedure", "low_ratings")) {
                s.execute("ANALYZE " + table);
            }
            System.out.printf("BENCH web console: rollup tables seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            try (var rs = s.executeQuery("SELECT COUNT(*), SUM(ratings), "
                    + "SUM(ratings) FILTER (WHERE day BETWEEN '2026-03-01' AND '2026-03-31') FROM rating_daily")) {
                rs.next();
                rows = rs.getLong(1);
                ratings = rs.getLong(2);
                monthRatings = rs.getLong(3);
            }
        }
        assertTrue(monthRatings > 10_000_000, "March stands for more than ten million ratings: " + monthRatings);
        String[] session = signIn(central);

        String month = "from=2026-03-01&to=2026-03-31";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("one-month report CSV, all sites", "/reports/export.csv?" + month);
        queries.put("one-month report CSV, one site by officer/wk", "/reports/export.csv?" + month
                + "&site=site-7&groupBy=officer&period=week");
        queries.put("one-month report CSV, all sites by counter", "/reports/export.csv?" + month + "&groupBy=counter");
        queries.put("one-month report CSV, all sites by officer", "/reports/export.csv?" + month + "&groupBy=officer");
        queries.put("one-month report CSV, all sites by procedure", "/reports/export.csv?" + month
                + "&groupBy=procedure");
        queries.put("one-month report CSV, one counter by procedure", "/reports/export.csv?" + month
                + "&counter=c2&groupBy=procedure");
        queries.put("one-month reports page, all sites by counter", "/reports?" + month + "&groupBy=counter");
        queries.put("one-month reports page, one site", "/reports?" + month + "&site=site-7");
        queries.put("one-year report CSV, all sites by counter/month", "/reports/export.csv?from=2026-01-01"
                + "&to=2026-12-31&groupBy=counter&period=month");
        Map<String, Percentiles> reportTimes = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            long[] samples = new long[40];
            for (int i = -5; i < samples.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = get(central, session, q.getValue());
                long t = System.nanoTime() - t0;
                assertEquals(200, r.statusCode(), q.getValue());
                if (i >= 0) {
                    samples[i] = t;
                }
            }
            reportTimes.put(q.getKey(), new Percentiles(samples));
        }

        KioskAgent agent = KioskAgent.create("site-bench", "kiosk-bench", broker.url(), work);
        agent.putEnv("KIOSK_COMMAND_KEY", central.signingPublicKey.toString());
        agent.putEnv("AGENT_TELEMETRY_INTERVAL", "1s");
        started.add(agent);
        agent.start();
        await("kiosk known to central").atMost(Duration.ofSeconds(60)).until(() ->
                new String(get(central, session, "/api/fleet").body()).contains("kiosk-bench"));
        long[] roundTrips = new long[30];
        for (int i = 0; i < roundTrips.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(central.api(
                            "/api/kiosks/kiosk-bench/commands"))).header("Cookie", session[0])
                    .header("X-CSRF-Token", session[1]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"show_notice\",\"args\":{\"text\":\"bench\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, sent.statusCode(), sent.body());
            String id = Http.JSON.readTree(sent.body()).get("id").asText();
            // as the page does: poll the history until the result shows
            await("result of " + id).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (JsonNode c : Http.JSON.readTree(get(central, session, "/api/kiosks/kiosk-bench/commands").body())) {
                    if (c.get("id").asText().equals(id) && !c.get("ok").isNull()) {
                        return true;
                    }
                }
                return false;
            });
            roundTrips[i] = System.nanoTime() - t0;
        }
        Percentiles cp = new Percentiles(roundTrips);
        StringBuilder out = new StringBuilder(String.format("""
                        BENCH web console (PostgreSQL, one central, 2 shared cores)
                          rollup rows %,d standing for %,d ratings (a year), %,d of them in March 2026 (the month queried);
                          1,000,000 low ratings listed in March (the pages show the newest 200)
                        """, rows, ratings, monthRatings));
        reportTimes.forEach((name, p) -> out.append(String.format("  %-50s p50 %6.1f ms  p95 %6.1f ms%n", name + ":",
                p.millis(50), p.millis(95))));
        out.append(String.format("""
                          command round trip page -> agent -> result:        p50 %6.1f ms  p95 %6.1f ms
                        """, cp.millis(50), cp.millis(95)));
        System.out.print(out);
    }

    /**
     * The 766 satisfaction report (-Dtest=WebConsoleBenchmark#satisfaction766Report): a year of rollup rows for
     * 1,200 sites, each with 10 counters and 10 officers (a counter and its officer stand for one of 12,000 kiosks),
     * 33 tickets served per counter a day (about 400,000 a day) and rated at three levels each day; 5 procedures
     * a site. Seeded straight into the rollup tables the report reads; p50/p95 over HTTP of the page and the
     * workbook for a month and a year, all sites and one site.
     */
    @Test
    void satisfaction766Report() throws Exception {
        database = Postgres.createFreshDatabase("central_s766_bench");
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        CentralSync central = CentralSync.create("central-bench", broker.url(), 0, Postgres.url(database), work);
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", PASSWORD);
        central.putEnv("REPORTS_ROLLUP_EVERY", "1h");
        started.add(central);
        central.start();
        long servedRows;
        long served;
        long ratingRows;
        try (Connection c = DriverManager.getConnection(Postgres.url(database), "postgres", "");
             Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("""
                    INSERT INTO served_daily (day, site_id, counter, officer_id, service, served)
                    SELECT to_char(DATE '2026-01-01' + d, 'YYYY-MM-DD'), 'site-' || si, 'c' || k, 'cb-' || k, 'A',
                           30 + ((d + si + k) % 7)
                    FROM generate_series(0, 364) d, generate_series(1, 1200) si, generate_series(1, 10) k
                    """);
            String levels = "unnest(ARRAY['very_satisfied','satisfied','dissatisfied']) l";
            s.execute("""
                    INSERT INTO rating_daily_officer (day, site_id, officer_id, level, ratings)
                    SELECT to_char(DATE '2026-01-01' + d, 'YYYY-MM-DD'), 'site-' || si, 'cb-' || k, l,
                           CASE l WHEN 'dissatisfied' THEN (d + si + k) %% 2 ELSE 5 + ((d + si + k) %% 5) END
                    FROM generate_series(0, 364) d, generate_series(1, 1200) si, generate_series(1, 10) k, %s
                    """.formatted(levels));
            s.execute("""
                    INSERT INTO rating_daily_counter (day, site_id, counter, level, ratings)
                    SELECT day, site_id, 'c' || substr(officer_id, 4), level, ratings FROM rating_daily_officer
                    """);
            s.execute("""
                    INSERT INTO rating_daily_procedure (day, site_id, procedure_code, level, ratings)
                    SELECT day, site_id, 'p' || (1 + (substr(officer_id, 4)::int % 5)), level, SUM(ratings)
                    FROM rating_daily_officer GROUP BY 1, 2, 3, 4
                    """);
            for (String table : List.of("served_daily", "rating_daily_officer", "rating_daily_counter",
                    "rating_daily_procedure")) {
                s.execute("ANALYZE " + table);
            }
            System.out.printf("BENCH 766 report: rollup tables seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            try (var rs = s.executeQuery("SELECT COUNT(*), SUM(served) FROM served_daily")) {
                rs.next();
                servedRows = rs.getLong(1);
                served = rs.getLong(2);
            }
            try (var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM rating_daily_officer) "
                    + "+ (SELECT COUNT(*) FROM rating_daily_counter) + (SELECT COUNT(*) FROM rating_daily_procedure)")) {
                rs.next();
                ratingRows = rs.getLong(1);
            }
        }
        String[] session = signIn(central);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("766 page, one month, all sites", "/reports/766?kind=month&value=2026-03");
        queries.put("766 page, one month, one site", "/reports/766?kind=month&value=2026-03&site=site-7");
        queries.put("766 XLSX, one month, all sites", "/reports/766.xlsx?kind=month&value=2026-03");
        queries.put("766 page, one year, one site", "/reports/766?kind=year&value=2026&site=site-7");
        queries.put("766 page, one year, all sites", "/reports/766?kind=year&value=2026");
        StringBuilder out = new StringBuilder(String.format("""
                BENCH 766 report (PostgreSQL, one central, 2 shared cores)
                  served_daily %,d rows standing for %,d tickets served in a year; %,d rating rollup rows
                """, servedRows, served, ratingRows));
        for (Map.Entry<String, String> q : queries.entrySet()) {
            boolean year = q.getKey().contains("year, all");
            long[] samples = new long[year ? 5 : 20];
            for (int i = year ? -1 : -3; i < samples.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = get(central, session, q.getValue());
                long t = System.nanoTime() - t0;
                assertEquals(200, r.statusCode(), q.getValue());
                if (i >= 0) {
                    samples[i] = t;
                }
            }
            Percentiles p = new Percentiles(samples);
            out.append(String.format("  %-40s p50 %7.1f ms  p95 %7.1f ms%n", q.getKey() + ":", p.millis(50),
                    p.millis(95)));
        }
        System.out.print(out);
    }

    @Test
    void fleetPageOf5000Kiosks() throws Exception {
        database = Postgres.createFreshDatabase("central_fleet_bench");
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        CentralSync central = CentralSync.create("central-fleet-bench", broker.url(), 0, Postgres.url(database), work);
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", PASSWORD);
        started.add(central);
        central.start();
        try (Connection c = DriverManager.getConnection(Postgres.url(database), "postgres", "");
             Statement s = c.createStatement()) {
            // 50 sites; one kiosk in 50 offline, one in 80 out of paper
            s.execute("""
                    INSERT INTO kiosks (kiosk_id, site_id, online, version, last_seen)
                    SELECT 'bench-' || i, 'site-' || (i % 50), i % 50 <> 0, '0.1.0', now()
                    FROM generate_series(1, 5000) i
                    """);
            s.execute("""
                    INSERT INTO kiosk_telemetry (kiosk_id, site_id, received_at, at, disk_used, disk_total, printer,
                        queue_lengths, outbox_backlog, last_ack_seq, config_version)
                    SELECT 'bench-' || i, 'site-' || (i % 50), (extract(epoch from now()) * 1000)::bigint,
                           now()::text, 40, 100, CASE WHEN i % 80 = 0 THEN 'paper_out' ELSE 'ok' END, '{"A":2}', 0,
                           100, 8 FROM generate_series(1, 5000) i
                    """);
        }
        String[] session = signIn(central);

        long[] first = new long[30];
        long firstBytes = 0;
        String firstHtml = "";
        for (int i = -5; i < first.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = get(central, session, "/fleet");
            long t = System.nanoTime() - t0;
            assertEquals(200, r.statusCode());
            firstBytes = r.body().length;
            firstHtml = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            if (i >= 0) {
                first[i] = t;
            }
        }
        Percentiles fp = new Percentiles(first);
        assertTrue(firstHtml.contains("id=\"k-bench-50\""), "offline kiosks lead the first page");

        long[] filtered = new long[30];
        long filteredBytes = 0;
        for (int i = -5; i < filtered.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = get(central, session, "/fleet?site=site-7&state=online&q=bench-1&page=1");
            long t = System.nanoTime() - t0;
            assertEquals(200, r.statusCode());
            filteredBytes = r.body().length;
            if (i >= 0) {
                filtered[i] = t;
            }
        }
        Percentiles ffp = new Percentiles(filtered);

        // one live update of the first page's 100 rows, as the page's EventSource asks for it
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-kiosk=\"([^\"]+)\"").matcher(firstHtml);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        long[] stream = new long[20];
        long streamBytes = 0;
        for (int i = -3; i < stream.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(
                            central.api("/api/fleet/stream?ids=" + String.join(",", ids))))
                    .header("Cookie", session[0]).GET().build(), HttpResponse.BodyHandlers.ofLines());
            String data;
            try (java.util.stream.Stream<String> lines = r.body()) {
                data = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
            }
            long t = System.nanoTime() - t0;
            streamBytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (i >= 0) {
                stream[i] = t;
            }
        }
        Percentiles sp = new Percentiles(stream);
        assertEquals(100, ids.size(), "a page of 100");
        assertTrue(firstBytes < 200_000, "the first page is small: " + firstBytes);
        System.out.printf("""
                        BENCH fleet page (PostgreSQL, one central, 5,000 kiosks: 100 offline, 62 out of paper)
                          first page (100 rows, problems first):       p50 %.1f ms  p95 %.1f ms  %,d bytes
                          one site, online, id search:                  p50 %.1f ms  p95 %.1f ms  %,d bytes
                          live update of the page's 100 rows (SSE):     p50 %.1f ms  p95 %.1f ms  %,d bytes
                        """, fp.millis(50), fp.millis(95), firstBytes, ffp.millis(50), ffp.millis(95), filteredBytes,
                sp.millis(50), sp.millis(95), streamBytes);
    }
}
