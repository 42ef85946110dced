package vn.motcua.central.report;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreConfig;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh PostgreSQL database on the local server for one test class, and a handle on it or on a new SQLite file
 * per test, both migrated on opening. As a JUnit extension ({@code @RegisterExtension static final BothDatabases
 * databases = BothDatabases.named("…")}) it closes the handles a test opened after that test, and drops the
 * PostgreSQL database after the class.
 */
public final class BothDatabases implements AutoCloseable, AfterEachCallback, AfterAllCallback {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    /** Kept across a reset: the migrations' own record and the rollups' single watermark row. */
    private static final List<String> KEPT = List.of("flyway_schema_history", "rollup_state");
    private final String prefix;
    private final List<Database> opened = new ArrayList<>();
    private String database;

    private BothDatabases(String prefix) {
        this.prefix = prefix;
    }

    /** The extension: the PostgreSQL database is made when a test first opens it. */
    public static BothDatabases named(String prefix) {
        return new BothDatabases(prefix);
    }

    /** Makes the PostgreSQL database now; the caller closes it. */
    public static BothDatabases create(String prefix) throws Exception {
        BothDatabases databases = new BothDatabases(prefix);
        databases.ensureCreated();
        return databases;
    }

    private synchronized String ensureCreated() throws Exception {
        if (database == null) {
            String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            database = name;
        }
        return database;
    }

    /** The JDBC URL of this class's PostgreSQL database. */
    public String url() throws Exception {
        return SERVER + ensureCreated();
    }

    /** A new SQLite database, or this class's PostgreSQL database with every table emptied. */
    public Database open(String dialect) throws Exception {
        Database db;
        if (dialect.equals("sqlite")) {
            db = Database.open(new StoreConfig("jdbc:sqlite:"
                    + Files.createTempDirectory("report-db").resolve("c.db"), "", "", 4, Duration.ofSeconds(5)));
        } else {
            db = Database.open(new StoreConfig(url(), "postgres", "", 4, Duration.ofSeconds(5)));
            db.write("reset", c -> {
                emptyEveryTable(c);
                return null;
            });
        }
        synchronized (opened) {
            opened.add(db);
        }
        return db;
    }

    /** Every table the migrations made, whichever they are, so a new rollup table needs no line here. */
    private static void emptyEveryTable(Connection c) throws java.sql.SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!KEPT.contains(table)) {
                    tables.add(table);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables));
            }
            s.execute("UPDATE rollup_state SET last_ingest_id = 0");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOpened();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void closeOpened() {
        synchronized (opened) {
            opened.forEach(Database::close);
            opened.clear();
        }
    }

    @Override
    public void close() throws Exception {
        closeOpened();
        vn.motcua.central.TestPostgres.dropDatabase(database);
    }
}
