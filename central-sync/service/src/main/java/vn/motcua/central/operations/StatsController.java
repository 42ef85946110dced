package vn.motcua.central.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.broker.DroppedMessages;
import vn.motcua.central.report.RollupHealth;
import vn.motcua.central.store.EventStore;

import java.util.OptionalLong;

/**
 * Totals: events stored, tickets issued, ratings submitted, refused payloads by reason, events kept in quarantine,
 * events each report rollup set aside, and {@code brokerDropped}: what the embedded broker had to drop since it
 * started ({@code null} with an external broker).
 */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {
    private final EventStore store;
    private final RollupHealth rollups;
    private final DroppedMessages dropped;
    private final ObjectMapper json;

    public StatsController(EventStore store, RollupHealth rollups, DroppedMessages dropped, ObjectMapper json) {
        this.store = store;
        this.rollups = rollups;
        this.dropped = dropped;
        this.json = json;
    }

    @Get
    public ObjectNode stats() {
        ObjectNode stats = json.valueToTree(store.stats());
        stats.set("rollupSetAside", json.valueToTree(rollups.setAside()));
        OptionalLong brokerDropped = dropped.count();
        if (brokerDropped.isPresent()) {
            stats.put("brokerDropped", brokerDropped.getAsLong());
        } else {
            stats.putNull("brokerDropped");
        }
        return stats;
    }
}
