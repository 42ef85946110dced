package vn.motcua.central.report;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.motcua.central.TestPostgres;
import vn.motcua.central.report.officer.KeptOfficerLines;
import vn.motcua.central.report.officer.OfficerDayReport;
import vn.motcua.central.report.officer.OfficerLinesConfig;
import vn.motcua.central.report.officer.OfficerLinesRefresher;
import vn.motcua.central.report.officer.OfficerPeriod;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.Dialect;
import vn.motcua.central.store.StoreConfig;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A central upgraded with officer visits, sign-ins and ratings already rolled up: the migration marks every site and
 * day of them due, and the first refresh keeps their lines.
 */
class OfficerLinesUpgradeTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void givenDaysRolledUpBeforeTheUpgrade_whenMigrated_thenEachSiteAndDayIsDueAndTheFirstPassKeepsThem(
            Dialect dialect) throws Exception {
        String postgres = dialect == Dialect.POSTGRESQL ? TestPostgres.createDatabase("central_lines_upgrade_") : null;
        try {
            String url = postgres != null ? TestPostgres.url(postgres)
                    : "jdbc:sqlite:" + Files.createTempDirectory("upgrade").resolve("c.db");
            String user = postgres != null ? TestPostgres.USER : null;
            Flyway.configure().dataSource(url, user, null).locations(dialect.migrationLocations()).target("27")
                    .load().migrate();
            try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO officer_visits (site_id, kiosk_id, ticket_id, visit, day, counter, officer_id,
                            outcome, recalls, called_at, wait_seconds, finished_at, service_seconds)
                        VALUES ('s1', 'k1', 't1', 1, '2026-11-03', 'c1', 'o1', 'served', 0, 1000, 60, 301000, 300),
                               ('s1', 'k1', 't2', 1, '2026-11-03', 'c1', 'o1', 'served', 0, 400000, 120, 500000, 100)""");
                s.execute("""
                        INSERT INTO counter_sign_ins (site_id, kiosk_id, event_id, seq, day, at, counter, officer_id,
                            signed_in, reason) VALUES ('s1', 'k1', 'e1', 1, '2026-11-04', 5000, 'c1', 'o2', 1, NULL)""");
                s.execute("""
                        INSERT INTO rating_daily_officer (day, site_id, officer_id, level, ratings)
                        VALUES ('2026-11-03', 's1', 'o1', 'satisfied', 2), ('2026-11-03', 's2', 'o9', 'neutral', 1)""");
            }
            try (Database sql = Database.open(new StoreConfig(url, user == null ? "" : user, "", 2,
                    Duration.ofSeconds(5)))) {
                assertEquals(List.of("s1 2026-11-03", "s1 2026-11-04", "s2 2026-11-03"), due(sql));
                OfficerDayReport reports = new OfficerDayReport(sql);
                assertEquals(2, new OfficerLinesRefresher(sql, reports, OfficerLinesConfig.defaults(),
                        Clock.systemUTC()).runOnce());
                assertEquals(List.of(), due(sql));
                LocalDate today = LocalDate.of(2026, 11, 30);
                // the 3rd: s1/o1 and s2/o9; the 4th: s1/o2 signed in; the month: all three
                List<OfficerPeriod> periods = List.of(OfficerPeriod.of("day", "2026-11-03", today),
                        OfficerPeriod.of("day", "2026-11-04", today), OfficerPeriod.of("month", "2026-11", today));
                List<Integer> lines = List.of(2, 1, 3);
                for (int i = 0; i < periods.size(); i++) {
                    OfficerPeriod p = periods.get(i);
                    List<?> kept = new KeptOfficerLines(sql).report(p).report().officers();
                    assertEquals(reports.report(p, "").officers(), kept, p.value());
                    assertEquals(lines.get(i), kept.size(), p.value());
                }
            }
        } finally {
            if (postgres != null) {
                TestPostgres.dropDatabase(postgres);
            }
        }
    }

    private static List<String> due(Database sql) {
        return sql.query("due", c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT site_id, day FROM officer_lines_due ORDER BY site_id, day")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return out;
        });
    }
}
