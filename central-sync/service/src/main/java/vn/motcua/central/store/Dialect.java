package vn.motcua.central.store;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The two databases central runs on. Their schema is one set of migrations, {@code db/common}, plus the versions
 * whose SQL really differs, kept once per dialect in {@code db/sqlite} or {@code db/postgresql}.
 */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    static final String COMMON_MIGRATIONS = "classpath:db/common";

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** Flyway's locations for this dialect: the common scripts and its own. */
    public String[] migrationLocations() {
        return new String[] {COMMON_MIGRATIONS, "classpath:db/" + folder};
    }

    void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(migrationLocations()).load().migrate();
    }

    void migrate(String url) {
        Flyway.configure().dataSource(url, null, null).locations(migrationLocations()).load().migrate();
    }
}
