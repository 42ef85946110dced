package vn.motcua.central.queuealert;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.central.kiosklink.TelemetryReceived;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.StoreException;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;

/**
 * Keeps which counters are signed in on each kiosk's counter console ({@code counters_signed_in}), as its telemetry
 * says every 30 seconds: a counter it no longer names is signed out.
 */
@Singleton
public class SignedInCounters {
    private static final Logger LOG = LoggerFactory.getLogger(SignedInCounters.class);
    private final Database sql;
    private final Clock clock;

    public SignedInCounters(Database sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @EventListener
    public void onTelemetry(TelemetryReceived t) {
        if (t.countersSignedIn() == null) {
            return; // an agent that does not say
        }
        try {
            record(t.siteId(), t.kioskId(), t.countersSignedIn(), clock.millis());
        } catch (StoreException e) {
            LOG.warn("kiosk {}/{}: signed-in counters not kept: {}", t.siteId(), t.kioskId(), e.getMessage());
        }
    }

    /** The kiosk's signed-in counters are {@code counters} as of {@code now}. */
    public void record(String siteId, String kioskId, List<String> counters, long now) {
        sql.write("signed-in counters of " + kioskId, c -> {
            try (PreparedStatement gone = c.prepareStatement("DELETE FROM counters_signed_in WHERE site_id = ? "
                    + "AND kiosk_id = ?" + (counters.isEmpty() ? ""
                    : " AND counter NOT IN (" + "?, ".repeat(counters.size() - 1) + "?)"))) {
                gone.setString(1, siteId);
                gone.setString(2, kioskId);
                for (int i = 0; i < counters.size(); i++) {
                    gone.setString(3 + i, counters.get(i));
                }
                gone.executeUpdate();
            }
            try (PreparedStatement in = c.prepareStatement("""
                    INSERT INTO counters_signed_in (site_id, kiosk_id, counter, since, seen_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (site_id, kiosk_id, counter) DO UPDATE SET seen_at = excluded.seen_at""")) {
                for (String counter : counters) {
                    in.setString(1, siteId);
                    in.setString(2, kioskId);
                    in.setString(3, counter);
                    in.setLong(4, now);
                    in.setLong(5, now);
                    in.addBatch();
                }
                in.executeBatch();
            }
            return null;
        });
    }
}
