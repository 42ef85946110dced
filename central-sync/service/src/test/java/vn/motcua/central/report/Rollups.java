package vn.motcua.central.report;

import vn.motcua.central.store.Database;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/** What the report tests do between storing events and reading a report. */
final class Rollups {
    private Rollups() {
    }

    /** Runs the queue and rating rollups, {@code batch} events a run, until both have caught up. */
    static void catchUp(Database sql, int batch) {
        ReportConfig config = new ReportConfig(Duration.ofSeconds(1), batch, Duration.ofMinutes(10));
        QueueRollup queue = new QueueRollup(sql, config, Clock.systemUTC());
        RatingRollup ratings = new RatingRollup(sql, config, Clock.systemUTC());
        while (queue.runOnce() + ratings.runOnce() > 0) {
            // until caught up
        }
    }

    /** Stores the site's configuration as published, as the reports read it. */
    static void publish(Database sql, String site, SiteConfig config) {
        String body = new String(new ProtocolCodec().encode(config), StandardCharsets.UTF_8);
        sql.write("publish", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_configs (site_id, version, body, "
                    + "published_by, published_at) VALUES (?, ?, ?, 'admin', 0)")) {
                ps.setString(1, site);
                ps.setLong(2, config.version());
                ps.setString(3, body);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
