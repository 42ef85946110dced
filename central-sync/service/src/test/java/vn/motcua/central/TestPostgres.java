package vn.motcua.central;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The local PostgreSQL server the tests run against (127.0.0.1:5432, user postgres, trust authentication): each test
 * class works in a database of its own, created fresh and dropped afterwards. An unreachable server fails the test.
 */
public final class TestPostgres {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";

    private TestPostgres() {
    }

    /** Creates an empty database named {@code prefix} and a random suffix; returns its name. */
    public static String createDatabase(String prefix) throws SQLException {
        String database = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        return database;
    }

    public static void dropDatabase(String database) throws SQLException {
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    public static String url(String database) {
        return SERVER + database;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
