package vn.motcua.central.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.report.RollupHealth;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.Stats;

import java.util.Map;

/**
 * Totals: events stored, tickets issued, ratings submitted, refused payloads by reason, and events each report
 * rollup set aside.
 */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {
    private final EventStore store;
    private final RollupHealth rollups;

    public StatsController(EventStore store, RollupHealth rollups) {
        this.store = store;
        this.rollups = rollups;
    }

    public record StatsView(@JsonUnwrapped Stats stats, Map<String, Long> rollupSetAside) {
    }

    @Get
    public StatsView stats() {
        return new StatsView(store.stats(), rollups.setAside());
    }
}
