package vn.motcua.central.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.StartupRefusedException;

import java.time.Clock;

/** Opens the database the URL names, migrates its schema, and keeps the event log in it. */
@Factory
class StoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    Database database(StoreConfig config) {
        String shownUrl = withoutQuery(config.url());
        try {
            Database database = Database.open(config);
            LOG.info("store: {} ({})", shownUrl, database.dialect());
            return database;
        } catch (RuntimeException e) {
            throw new StartupRefusedException("cannot open the database " + shownUrl + ": " + rootMessage(e)
                    + " (check DB_URL, DB_USER and DB_PASSWORD)", 1);
        }
    }

    @Singleton
    EventStore eventStore(Database database, Clock clock) {
        return JdbcEventStore.on(database, clock);
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
