package vn.motcua.central.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.Stats;

/** Totals: events stored, tickets issued, ratings submitted, and refused payloads by reason. */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {
    private final EventStore store;

    public StatsController(EventStore store) {
        this.store = store;
    }

    @Get
    public Stats stats() {
        return store.stats();
    }
}
