package vn.motcua.central.fleet;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskState;

import java.util.List;

/** Fleet state: every kiosk central has heard of, with its status and sync progress. */
@Controller("/api/kiosks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class KiosksController {
    private final EventStore store;

    public KiosksController(EventStore store) {
        this.store = store;
    }

    @Get
    public List<KioskState> kiosks() {
        return store.kiosks();
    }
}
