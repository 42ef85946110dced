package vn.motcua.systemtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh database per run on the local PostgreSQL server (127.0.0.1:5432, trust authentication). */
final class Postgres {
    private Postgres() {
    }

    static String adminUrl() {
        return url("postgres");
    }

    static String url(String database) {
        String host = System.getenv().getOrDefault("PGHOST_FOR_TESTS", "127.0.0.1:5432");
        return "jdbc:postgresql://" + host + "/" + database;
    }

    static String createFreshDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }
}
