package vn.motcua.agent.queue;

import jakarta.inject.Singleton;
import vn.motcua.agent.config.CounterSettings;
import vn.motcua.agent.site.SiteConfigStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Estimated wait: people ahead × the average of the last {@code agent.counter.service-time-window} service times of
 * that service, shared among the counters that serve it. Before any service has finished it assumes
 * {@code agent.counter.default-service-time}.
 */
@Singleton
public class WaitEstimator {
    private final CounterSettings settings;
    private final SiteConfigStore site;

    public WaitEstimator(CounterSettings settings, SiteConfigStore site) {
        this.settings = settings;
        this.site = site;
    }

    public double averageSeconds(Connection c, String service) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT avg(seconds), count(*) FROM (SELECT seconds FROM "
                + "service_time WHERE service = ? ORDER BY id DESC LIMIT ?)")) {
            ps.setString(1, service);
            ps.setInt(2, settings.serviceTimeWindow());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(2) == 0 ? settings.defaultServiceTime().toSeconds() : rs.getDouble(1);
            }
        }
    }

    public int minutes(Connection c, String service, int peopleAhead) throws SQLException {
        long counters = Math.max(1, site.current().counters().stream()
                .filter(k -> k.services().contains(service)).count());
        return (int) Math.ceil(peopleAhead * averageSeconds(c, service) / counters / 60.0);
    }
}
