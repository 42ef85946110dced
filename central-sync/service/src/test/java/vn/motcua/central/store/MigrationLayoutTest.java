package vn.motcua.central.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.motcua.central.TestPostgres;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One set of migrations, {@code db/common}, plus a dialect's own folder only for the versions whose SQL differs. The
 * scripts were once kept whole per dialect; a database migrated then must open now without a checksum failure, so
 * every script keeps the checksum it had, and no version is lost or doubled on either database.
 */
class MigrationLayoutTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    /** Each version's checksum as the one-folder-per-dialect scripts recorded it in flyway_schema_history. */
    private static final Map<Dialect, Map<String, Integer>> RECORDED = Map.of(
            Dialect.SQLITE, checksums(2005408181, -555111348),
            Dialect.POSTGRESQL, checksums(826440493, 24154594));

    private static String postgres;

    @BeforeAll
    static void createDatabase() throws SQLException {
        postgres = TestPostgres.createDatabase("central_layout_");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        TestPostgres.dropDatabase(postgres);
    }

    /** Versions 1 and 14 differ per dialect; all the others are byte for byte the same on both. */
    private static Map<String, Integer> checksums(int v1, int v14) {
        int[] shared = {0, -1535695768, -451764936, -456609112, 1970254758, 56735287, -1288845388, -1399609918,
                -1055557991, 635037661, 777674383, 692398061, -1604448604, 0, 300059628, -297181683, -2080500299, 733469184, 399484512,
                1300948827, -1350221654, 1681584146, 2130740550, 877605457, -1624516442,
                -375834281, 1499586306, 324907782, 645771290, 486188439};
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int v = 1; v <= shared.length; v++) {
            out.put(String.valueOf(v), v == 1 ? v1 : v == 14 ? v14 : shared[v - 1]);
        }
        return out;
    }

    @Test
    void givenTheMigrationFolders_whenListed_thenAVersionIsCommonOrInBothDialectFoldersAndTheirSqlDiffers()
            throws Exception {
        Map<Integer, Path> common = scripts("db/common");
        Map<Integer, Path> sqlite = scripts("db/sqlite");
        Map<Integer, Path> postgresql = scripts("db/postgresql");
        assertFalse(common.isEmpty(), "db/common holds the shared migrations");
        assertEquals(sqlite.keySet(), postgresql.keySet(), "a version that differs has a script for each dialect");
        for (Map.Entry<Integer, Path> own : sqlite.entrySet()) {
            assertFalse(common.containsKey(own.getKey()), "V" + own.getKey() + " is in db/common and db/sqlite");
            Path other = postgresql.get(own.getKey());
            assertEquals(own.getValue().getFileName(), other.getFileName(), "one version, one description");
            assertFalse(Arrays.equals(Files.readAllBytes(own.getValue()), Files.readAllBytes(other)),
                    "V" + own.getKey() + " is the same on both dialects: it belongs in db/common");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void givenADialect_whenItsLocationsAreListed_thenEveryVersionFromOneToTheNewestIsThereOnce(Dialect dialect)
            throws Exception {
        List<Integer> versions = new ArrayList<>();
        for (String location : dialect.migrationLocations()) {
            versions.addAll(scripts(location.substring("classpath:".length())).keySet());
        }
        versions.sort(null);
        assertEquals(IntStream.rangeClosed(1, versions.size()).boxed().toList(), versions,
                dialect + ": each version once, none missing");
        assertEquals(RECORDED.get(dialect).size(), versions.size(),
                dialect + ": a new migration is added to RECORDED with the checksum Flyway gives it");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void givenTheScriptsNow_whenFlywayReadsThem_thenEachHasTheChecksumTheOldLayoutRecorded(Dialect dialect)
            throws Exception {
        Flyway flyway = Flyway.configure().dataSource(url(dialect), user(dialect), null)
                .locations(dialect.migrationLocations()).load();
        Map<String, Integer> now = new TreeMap<>();
        for (MigrationInfo m : flyway.info().all()) {
            now.put(m.getVersion().getVersion(), m.getChecksum());
        }
        assertEquals(new TreeMap<>(RECORDED.get(dialect)), now);
    }

    /**
     * A database migrated by the scripts laid out as they were (every version in one folder per dialect) is valid
     * for today's locations, and opens.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void givenADatabaseMigratedByTheOneFolderLayout_whenOpenedNow_thenFlywayValidatesItAndHasNothingToDo(
            Dialect dialect) throws Exception {
        String url = url(dialect);
        Path oneFolder = Files.createTempDirectory("one-folder-" + dialect);
        for (String location : dialect.migrationLocations()) {
            for (Path script : scripts(location.substring("classpath:".length())).values()) {
                Files.copy(script, oneFolder.resolve(script.getFileName()));
            }
        }
        Flyway before = Flyway.configure().dataSource(url, user(dialect), null)
                .locations("filesystem:" + oneFolder).load();
        before.migrate();
        Map<String, Integer> applied = new TreeMap<>();
        for (MigrationInfo m : before.info().applied()) {
            applied.put(m.getVersion().getVersion(), m.getChecksum());
        }
        assertEquals(new TreeMap<>(RECORDED.get(dialect)), applied, "what the old layout recorded");

        Flyway now = Flyway.configure().dataSource(url, user(dialect), null)
                .locations(dialect.migrationLocations()).load();
        assertTrue(now.validateWithResult().validationSuccessful, () -> now.validateWithResult().getAllErrorMessages());
        assertArrayEquals(new MigrationInfo[0], now.info().pending());
        try (Database database = Database.open(new StoreConfig(url, user(dialect) == null ? "" : user(dialect), "",
                2, Duration.ofSeconds(5)))) {
            assertEquals(dialect, database.dialect());
            int migrations = database.query("count migrations", c -> {
                try (var rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(RECORDED.get(dialect).size(), migrations);
        }
    }

    /** A fresh SQLite file, or this class's PostgreSQL database with its schema dropped. */
    private static String url(Dialect dialect) throws IOException, SQLException {
        if (dialect == Dialect.SQLITE) {
            return "jdbc:sqlite:" + Files.createTempDirectory("layout").resolve("c.db");
        }
        TestPostgres.dropDatabase(postgres);
        postgres = TestPostgres.createDatabase("central_layout_");
        return TestPostgres.url(postgres);
    }

    private static String user(Dialect dialect) {
        return dialect == Dialect.SQLITE ? null : TestPostgres.USER;
    }

    /** The versioned scripts of one classpath folder, by version; a version twice in one folder fails. */
    private static Map<Integer, Path> scripts(String folder) throws IOException, URISyntaxException {
        URL url = MigrationLayoutTest.class.getClassLoader().getResource(folder);
        if (url == null) {
            return Map.of();
        }
        Map<Integer, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path file : files.sorted().toList()) {
                Matcher m = VERSIONED.matcher(file.getFileName().toString());
                assertTrue(m.matches(), folder + " holds only versioned migrations: " + file.getFileName());
                Path twice = out.put(Integer.parseInt(m.group(1)), file);
                assertNull(twice, folder + ": version " + m.group(1) + " twice");
            }
        }
        return out;
    }
}
