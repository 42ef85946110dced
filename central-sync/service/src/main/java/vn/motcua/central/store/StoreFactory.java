package vn.motcua.central.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.StartupRefusedException;

import java.time.Clock;

/** Opens the store the URL names and migrates its schema. */
@Factory
class StoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    EventStore eventStore(StoreConfig config) {
        String shownUrl = withoutQuery(config.url());
        try {
            EventStore store = config.url().startsWith(StoreConfig.SQLITE_PREFIX)
                    ? new SqliteEventStore(config.url(), Clock.systemUTC())
                    : new PostgresEventStore(config, Clock.systemUTC());
            LOG.info("store: {} ({})", shownUrl, store.getClass().getSimpleName());
            return store;
        } catch (RuntimeException e) {
            throw new StartupRefusedException("cannot open the database " + shownUrl + ": " + rootMessage(e)
                    + " (check DB_URL, DB_USER and DB_PASSWORD)", 1);
        }
    }

    /** The event store's own connections; an event store that is not a JDBC store (a wrapper) gets its own. */
    @Singleton
    SqlAccess sqlAccess(EventStore store, StoreConfig config) {
        return store instanceof SqlAccess access ? access : (SqlAccess) eventStore(config);
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
