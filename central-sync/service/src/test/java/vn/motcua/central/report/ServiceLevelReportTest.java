package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.report.servicelevel.ServiceLevelLine;
import vn.motcua.central.report.servicelevel.ServiceLevelReport;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.JdbcEventStore;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import vn.motcua.central.web.Views;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.event.EventBatch;
import vn.motcua.protocol.event.EventBody;
import vn.motcua.protocol.event.EventType;
import vn.motcua.protocol.event.KioskEvent;
import vn.motcua.protocol.event.TicketCalled;
import vn.motcua.protocol.event.TicketIssued;
import vn.motcua.protocol.event.TicketNoShow;
import vn.motcua.protocol.event.TicketServed;
import vn.motcua.protocol.message.SiteConfig;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service-level report against figures worked out by hand from a few tickets (a recall, a no-show, a transfer,
 * a call whose issue was never seen, a service without a target), on SQLite and PostgreSQL; its workbook read back
 * equals the page.
 */
class ServiceLevelReportTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 3);
    @RegisterExtension
    static final BothDatabases databases = BothDatabases.named("central_sla");
    private Database database;

    /** One kiosk's events in one boot: wall time and uptime both at 08:00 plus the minute given, on a day. */
    private static final class Events {
        final List<KioskEvent> list = new ArrayList<>();
        private String day;

        Events(String day) {
            this.day = day;
        }

        Events day(String next) {
            day = next;
            return this;
        }

        Events at(int minute, EventBody body) {
            OffsetDateTime at = OffsetDateTime.parse(day + "T08:00:00+07:00").plusMinutes(minute);
            long uptime = Duration.between(OffsetDateTime.parse("2026-11-01T00:00:00+07:00"), at).toMillis();
            list.add(new KioskEvent(list.size() + 1, UUID.randomUUID(), EventType.of(body), at, true, "boot-1",
                    uptime, body));
            return this;
        }
    }

    /**
     * Site s1 (targets: A 10 minutes, B 5, C none), kiosk k1, 2026-11-03, minutes after 08:00:
     * <pre>
     * t1 A issued 0, called c1 4 (waited 4), recalled c1 20, served c1 25
     * t2 A issued 1, called c2 13 (waited 12: over), no-show c2 15
     * t3 A issued 2, called c1 12 (waited exactly 10: not over), served c1 14 and transferred, called c2 30 (the
     *    ticket's second call: no new wait), served c2 35
     * t4 B issued 3, called c2 9 (waited 6: over), served c2 12
     * t5 B issued 5, called c1 10 (waited exactly 5: not over), served c1 16
     * t6 C issued 6, called c1 40 (waited 34, no target), served c1 45
     * t7 never issued here, called c2 50 (service unknown, wait unknown)
     * 2026-11-04: t8 A issued 0, called c1 11 (waited 11: over), served c1 15
     * </pre>
     * Site s2 (no targets), kiosk k2, 2026-11-03: u1 A issued 0, called c1 30, served c1 35.
     */
    private static void seed(EventStore store, Database sql) {
        Events k1 = new Events("2026-11-03");
        k1.at(0, new TicketIssued("t1", "A", 1, "A001", null));
        k1.at(1, new TicketIssued("t2", "A", 2, "A002", null));
        k1.at(2, new TicketIssued("t3", "A", 3, "A003", null));
        k1.at(3, new TicketIssued("t4", "B", 1, "B001", null));
        k1.at(4, new TicketCalled("t1", "c1", "o1"));
        k1.at(5, new TicketIssued("t5", "B", 2, "B002", null));
        k1.at(6, new TicketIssued("t6", "C", 1, "C001", null));
        k1.at(9, new TicketCalled("t4", "c2", "o2"));
        k1.at(10, new TicketCalled("t5", "c1", "o1"));
        k1.at(12, new TicketServed("t4", "c2", "o2", 180));
        k1.at(12, new TicketCalled("t3", "c1", "o1"));
        k1.at(13, new TicketCalled("t2", "c2", "o2"));
        k1.at(14, new TicketServed("t3", "c1", "o1", 120));
        k1.at(15, new TicketNoShow("t2", "c2"));
        k1.at(16, new TicketServed("t5", "c1", "o1", 360));
        k1.at(20, new TicketCalled("t1", "c1", "o1"));
        k1.at(25, new TicketServed("t1", "c1", "o1", 300));
        k1.at(30, new TicketCalled("t3", "c2", "o2"));
        k1.at(35, new TicketServed("t3", "c2", "o2", 300));
        k1.at(40, new TicketCalled("t6", "c1", "o1"));
        k1.at(45, new TicketServed("t6", "c1", "o1", 300));
        k1.at(50, new TicketCalled("t7", "c2", "o2"));
        k1.day("2026-11-04");
        k1.at(0, new TicketIssued("t8", "A", 1, "A001", null));
        k1.at(11, new TicketCalled("t8", "c1", "o1"));
        k1.at(15, new TicketServed("t8", "c1", "o1", 240));
        Events k2 = new Events("2026-11-03");
        k2.at(0, new TicketIssued("u1", "A", 1, "A001", null));
        k2.at(30, new TicketCalled("u1", "c1", "o3"));
        k2.at(35, new TicketServed("u1", "c1", "o3", 300));
        store.storeBatch("s1", EventBatch.of("k1", k1.list.subList(0, 12)));
        store.storeBatch("s2", EventBatch.of("k2", k2.list));
        rollUp(sql);
        store.storeBatch("s1", EventBatch.of("k1", k1.list.subList(12, k1.list.size())));
        rollUp(sql);
        publish(sql, "s1", new SiteConfig(3, "UBND phường Bến Nghé", List.of(
                new SiteConfig.Service("A", "Văn bằng", null, 10, null, null),
                new SiteConfig.Service("B", "Tuyển sinh", null, 5, 8, 20),
                new SiteConfig.Service("C", "Khác", null)), List.of(), List.of(), List.of(), 5, List.of(), "sig"));
        publish(sql, "s2", new SiteConfig(1, "UBND xã An Phú", List.of(new SiteConfig.Service("A", "Văn bằng", null)),
                List.of(), List.of(), List.of(), 5, List.of(), "sig"));
    }

    private static void rollUp(Database sql) {
        QueueRollup queue = new QueueRollup(sql, new ReportConfig(Duration.ofSeconds(1), 4, Duration.ofMinutes(10)),
                Clock.systemUTC());
        while (queue.runOnce() > 0) {
            // until caught up
        }
    }

    private static void publish(Database sql, String site, SiteConfig config) {
        String body = new String(new ProtocolCodec().encode(config), StandardCharsets.UTF_8);
        sql.write("publish", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_configs (site_id, version, body, "
                    + "published_by, published_at) VALUES (?, ?, ?, 'admin', 0)")) {
                ps.setString(1, site);
                ps.setLong(2, config.version());
                ps.setString(3, body);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static ServiceLevelLine line(String site, String day, String service, String counter, Integer target,
                                         long called, long served, long noShows, long waited, Long over) {
        return new ServiceLevelLine(site, day, service, counter, target, called, served, noShows, waited, over);
    }

    private Database seeded(String dialect) throws Exception {
        Database sql = database = databases.open(dialect);
        seed(JdbcEventStore.on(sql, Clock.systemUTC()), sql);
        return sql;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTheSeededTickets_whenReported_thenEveryFigureIsTheHandWorkedOne(String dialect) throws Exception {
        Database sql = seeded(dialect);
        ServiceLevelReport.Report all = new ServiceLevelReport(sql).report(DAY, DAY.plusDays(1), "");
        assertEquals(List.of(
                line("s1", "2026-11-03", "", "c2", null, 1, 0, 0, 0, null),
                line("s1", "2026-11-03", "A", "c1", 10, 2, 2, 0, 2, 0L),
                line("s1", "2026-11-03", "A", "c2", 10, 1, 1, 1, 1, 1L),
                line("s1", "2026-11-03", "B", "c1", 5, 1, 1, 0, 1, 0L),
                line("s1", "2026-11-03", "B", "c2", 5, 1, 1, 0, 1, 1L),
                line("s1", "2026-11-03", "C", "c1", null, 1, 1, 0, 1, null),
                line("s1", "2026-11-04", "A", "c1", 10, 1, 1, 0, 1, 1L),
                line("s2", "2026-11-03", "A", "c1", null, 1, 1, 0, 1, null)), all.lines());
        // the total: every call, service and no-show; the waits and those over target of the lines with a target
        assertEquals(line(null, null, null, null, null, 9, 8, 1, 6, 3L), all.total());
        assertEquals(0.5, all.total().overShare(), 1e-12);
        assertEquals(1.0, all.lines().get(2).overShare(), 1e-12);
        assertNull(all.lines().get(5).overShare(), "no target, no share");

        ServiceLevelReport.Report oneDay = new ServiceLevelReport(sql).report(DAY, DAY, "s1");
        assertEquals(all.lines().subList(0, 6), oneDay.lines());
        assertEquals(line(null, null, null, null, null, 7, 6, 1, 5, 2L), oneDay.total());
        assertEquals(List.of(), new ServiceLevelReport(sql).report(DAY.minusDays(3), DAY.minusDays(1), "").lines());
    }

    @Test
    void givenTheSeededTickets_whenExportedAsAWorkbook_thenItReadsBackAsThePage() throws Exception {
        Database sql = seeded("sqlite");
        ServiceLevelController controller = new ServiceLevelController(new ServiceLevelReport(sql), new Views(),
                Clock.systemUTC());
        MutableHttpRequest<?> request = HttpRequest.GET("/reports/service-level?from=2026-11-03&to=2026-11-04");
        request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
        String html = controller.page(request).body();
        ServiceLevelReport.Report r = controller.report(request);
        assertTrue(html.contains("<span id=\"sla-share\">50.0 %</span>"), html);
        List<List<String>> page = pageRows(html);
        assertEquals(r.lines().size(), page.size(), "a row per line");

        byte[] xlsx = ServiceLevelController.workbook(r, Lang.VI);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals("Thời gian chờ", sheet.getSheetName());
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertEquals(ReportColumns.SERVICE_LEVEL.stream().map(c -> Lang.VI.t(c.label())).toList(), header);
            assertEquals(r.lines().size(), sheet.getLastRowNum(), "a row per line under the header");
            // each sheet row, written the page's way, is the page's row
            for (int i = 0; i < r.lines().size(); i++) {
                assertEquals(page.get(i), asOnPage(sheet.getRow(i + 1)), "row " + (i + 1));
            }
        }
        screenshot(html);
    }

    @Test
    void givenADayThatIsNoDateOrARangeBackwardsOrTooLong_whenAsked_thenRefusedNamingTheParameter() throws Exception {
        Database sql = seeded("sqlite");
        ServiceLevelController controller = new ServiceLevelController(new ServiceLevelReport(sql), new Views(),
                Clock.systemUTC());
        for (String[] bad : new String[][]{{"from=2026-13-01", "from"}, {"to=yesterday", "to"},
                {"from=2026-11-05&to=2026-11-04", "from"}, {"from=2026-01-01&to=2026-11-04", "from"}}) {
            MutableHttpRequest<?> request = HttpRequest.GET("/reports/service-level?" + bad[0]);
            request.setAttribute(Principal.ATTRIBUTE, new Principal("bao.cao", Role.REPORTER, "csrf"));
            BadParameterException e = assertThrows(BadParameterException.class, () -> controller.report(request));
            assertEquals(bad[1], e.parameter(), bad[0]);
        }
    }

    /** The cells of the page's table, one list per row. */
    private static List<List<String>> pageRows(String html) {
        String table = html.substring(html.indexOf("id=\"sla-lines\""));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<List<String>> rows = new ArrayList<>();
        for (String tr : table.split("<tr>")) {
            if (!tr.contains("<td")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String td : tr.split("<td")) {
                if (td.contains("</td>")) {
                    cells.add(td.substring(td.indexOf('>') + 1, td.indexOf("</td>")));
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A sheet row's cells as the page writes them: counts as numbers, shares as "50.0 %", no cell as a dash. */
    private static List<String> asOnPage(Row row) {
        DataFormatter f = new DataFormatter();
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < ReportColumns.SERVICE_LEVEL.size(); i++) {
            Cell c = row.getCell(i);
            ReportColumn.Format format = ReportColumns.SERVICE_LEVEL.get(i).format();
            if (c == null) {
                cells.add(format == ReportColumn.Format.TEXT ? "" : "—");
            } else if (format == ReportColumn.Format.SHARE) {
                cells.add(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * c.getNumericCellValue()));
            } else if (format == ReportColumn.Format.COUNT) {
                cells.add(String.valueOf((long) c.getNumericCellValue()));
            } else {
                String text = f.formatCellValue(c);
                cells.add(format == ReportColumn.Format.TEXT_OR_DASH && text.isEmpty() ? "—" : text);
            }
        }
        return cells;
    }

    /** The page as a browser shows it, for a person to look at: target/screenshots/service-level.png */
    private static void screenshot(String html) throws Exception {
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Path css = Path.of("src", "main", "resources", "public", "app.css").toAbsolutePath();
        Files.writeString(shots.resolve("service-level.html"), html.replace("/static/app.css",
                css.toUri().toString()), StandardCharsets.UTF_8);
        Path png = shots.resolve("service-level.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1000",
                "--screenshot=" + png, shots.resolve("service-level.html").toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(shots.resolve("chromium-sla.log").toFile()).start();
        assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page");
    }
}
