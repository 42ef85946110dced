package vn.motcua.central.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.store.EventQuery;
import vn.motcua.central.store.EventStore;

import java.util.List;

/**
 * Stored events, newest stored first, optionally of one kiosk and/or one type. {@code limit} defaults to
 * {@value EventQuery#DEFAULT_LIMIT} and may be 1-{@value EventQuery#MAX_LIMIT}.
 */
@Controller("/api/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {
    private final EventStore store;

    public EventsController(EventStore store) {
        this.store = store;
    }

    @Get
    public List<EventView> events(@Nullable @QueryValue String kioskId, @Nullable @QueryValue String type,
                                  @Nullable @QueryValue String limit) {
        EventQuery query = new EventQuery(blankToNull(kioskId), blankToNull(type), parseLimit(limit));
        return store.events(query).stream().map(EventView::of).toList();
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return EventQuery.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= EventQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException("limit", "limit must be a whole number from 1 to " + EventQuery.MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
