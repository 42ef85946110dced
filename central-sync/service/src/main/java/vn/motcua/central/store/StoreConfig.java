package vn.motcua.central.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The database ({@code central.db.*}). The URL's prefix picks the store: {@code jdbc:sqlite:} or
 * {@code jdbc:postgresql:}.
 *
 * @param url               env {@code DB_URL}
 * @param user              env {@code DB_USER} (PostgreSQL)
 * @param password          env {@code DB_PASSWORD} (PostgreSQL)
 * @param poolSize          PostgreSQL connections
 * @param connectionTimeout how long a PostgreSQL operation waits for a connection before it fails
 */
@ConfigurationProperties("central.db")
public record StoreConfig(
        @Bindable(defaultValue = "jdbc:sqlite:./data/central.db") String url,
        @Bindable(defaultValue = "") String user,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "8") int poolSize,
        @Bindable(defaultValue = "5s") Duration connectionTimeout) {

    public static final String SQLITE_PREFIX = "jdbc:sqlite:";
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    public StoreConfig {
        url = url == null ? "" : url.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (!url.startsWith(SQLITE_PREFIX) && !url.startsWith(POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("central.db.url (DB_URL) must start with " + SQLITE_PREFIX + " or "
                    + POSTGRESQL_PREFIX + ", was '" + url + "'");
        }
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException("central.db.pool-size must be 1-100, was " + poolSize);
        }
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("central.db.connection-timeout must be at least 250ms");
        }
    }
}
