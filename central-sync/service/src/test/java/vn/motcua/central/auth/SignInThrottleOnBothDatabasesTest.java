package vn.motcua.central.auth;

import vn.motcua.central.web.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The sign-in throttle's SQL on SQLite and on the local PostgreSQL, with two central instances (two stores, two
 * services) sharing one database, as N instances of central do.
 */
class SignInThrottleOnBothDatabasesTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static String database;
    private final List<Database> databases = new ArrayList<>();

    @BeforeAll
    static void createDatabase() throws Exception {
        database = vn.motcua.central.TestPostgres.createDatabase("central_signin_");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        vn.motcua.central.TestPostgres.dropDatabase(database);
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
        databases.clear();
    }

    /** Two handles on one database: what two central instances open. */
    private List<Database> twoInstances(String dialect) throws Exception {
        Path file = Files.createTempDirectory("sign-in").resolve("c.db");
        for (int i = 0; i < 2; i++) {
            databases.add(Database.open(new StoreConfig(dialect.equals("sqlite") ? "jdbc:sqlite:" + file
                    : SERVER + database, dialect.equals("sqlite") ? "" : "postgres", "", 8, Duration.ofSeconds(10))));
        }
        return List.copyOf(databases);
    }

    private static AuthConfig config(int maxFailures, Duration window) {
        return new AuthConfig("", "", "", Duration.ofHours(1), false, maxFailures, 100_000, window, 4);
    }

    private static int rows(Database sql) {
        return sql.query("count", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sign_in_failures")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenTwentyFiveWrongPasswordsAtOnceOnTwoInstances_whenSigningIn_thenOnlyTheAllowedAreChecked(String dialect)
            throws Exception {
        List<Database> sql = twoInstances(dialect);
        AuthConfig config = config(5, Duration.ofMinutes(15));
        List<AuthService> instances = List.of(new AuthService(sql.get(0), config, Clock.systemUTC()),
                new AuthService(sql.get(1), config, Clock.systemUTC()));
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        instances.get(0).saveUser(name, "mot-mat-khau-dai", Role.VIEWER);
        int attempts = 25;
        CyclicBarrier start = new CyclicBarrier(attempts);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<AuthService.SignIn>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                AuthService instance = instances.get(i % 2);
                int n = i;
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return instance.signIn(name, "sai-" + n, "10.0.0." + (n % 3));
                }));
            }
            int refused = 0;
            int throttled = 0;
            for (Future<AuthService.SignIn> r : results) {
                AuthService.SignIn s = r.get(60, TimeUnit.SECONDS);
                refused += s instanceof AuthService.SignIn.Refused ? 1 : 0;
                throttled += s instanceof AuthService.SignIn.Throttled ? 1 : 0;
            }
            assertEquals(5, refused, "passwords checked");
            assertEquals(20, throttled);
        } finally {
            pool.shutdownNow();
        }
        assertInstanceOf(AuthService.SignIn.Throttled.class, instances.get(1).signIn(name, "mot-mat-khau-dai",
                "10.0.0.9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenManyNamesTriedOnce_whenTheirWindowHasPassed_thenTheirRowsAreDeleted(String dialect) throws Exception {
        Database sql = twoInstances(dialect).get(0);
        sql.write("start empty", c -> c.createStatement().executeUpdate("DELETE FROM sign_in_failures"));
        AuthService auth = new AuthService(sql, config(5, Duration.ofMillis(300)), Clock.systemUTC());
        for (int i = 0; i < 40; i++) {
            assertInstanceOf(AuthService.SignIn.Refused.class, auth.signIn("nobody-" + i, "sai", "10.0.1.1"));
        }
        assertEquals(41, rows(sql), "40 names and one address");
        long lastFailure = System.currentTimeMillis();
        await("the window passes").atMost(Duration.ofSeconds(5))
                .until(() -> System.currentTimeMillis() > lastFailure + 400);
        // a later attempt clears them (an instance prunes at most once a minute; a new one has not pruned yet)
        AuthService later = new AuthService(sql, config(5, Duration.ofMillis(300)), Clock.systemUTC());
        later.signIn("someone-else", "sai", "10.0.1.2");
        assertEquals(2, rows(sql), "only the new name and address remain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void givenASuccess_whenSignedIn_thenTheAddressGetsItsAttemptBack(String dialect) throws Exception {
        Database sql = twoInstances(dialect).get(0);
        AuthService auth = new AuthService(sql, new AuthConfig("", "", "", Duration.ofHours(1), false, 5, 2,
                Duration.ofMinutes(15), 4), Clock.systemUTC());
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        auth.saveUser(name, "mot-mat-khau-dai", Role.VIEWER);
        String address = "10.0.2." + (int) (Math.random() * 200);
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(AuthService.SignIn.Ok.class, auth.signIn(name, "mot-mat-khau-dai", address),
                    "successes do not use up the address's two failures");
        }
        assertInstanceOf(AuthService.SignIn.Refused.class, auth.signIn(name, "sai", address));
        assertInstanceOf(AuthService.SignIn.Refused.class, auth.signIn(name, "sai", address));
        assertInstanceOf(AuthService.SignIn.Throttled.class, auth.signIn(name, "mot-mat-khau-dai", address));
    }
}
