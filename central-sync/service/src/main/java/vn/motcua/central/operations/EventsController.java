package vn.motcua.central.operations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.store.EventQuery;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskState;
import vn.motcua.protocol.Topics;

import java.util.List;

/**
 * Stored events, newest stored first, optionally of one site, one kiosk (site and kiosk id) and/or one type.
 * {@code limit} defaults to {@value EventQuery#DEFAULT_LIMIT} and may be 1-{@value EventQuery#MAX_LIMIT}. A
 * {@code kioskId} without {@code siteId} is taken when one site only has that kiosk id; when several have, it is a 400
 * asking for the site.
 */
@Controller("/api/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {
    private final EventStore store;

    public EventsController(EventStore store) {
        this.store = store;
    }

    @Get
    public List<EventView> events(@Nullable @QueryValue String siteId, @Nullable @QueryValue String kioskId,
                                  @Nullable @QueryValue String type, @Nullable @QueryValue String limit) {
        String site = blankToNull(siteId);
        String kiosk = blankToNull(kioskId);
        if (site != null && !Topics.isValidId(site)) {
            throw new BadParameterException("siteId", "siteId must be 1-64 of A-Z a-z 0-9 _ -");
        }
        if (site == null && kiosk != null) {
            site = siteOf(store.kiosks(), kiosk);
        }
        EventQuery query = new EventQuery(site, kiosk, blankToNull(type), parseLimit(limit));
        return store.events(query).stream().map(EventView::of).toList();
    }

    /**
     * The one site that has a kiosk with this id; null when none has (nothing matches then). Several sites: a 400
     * naming {@code siteId}, since answering with two kiosks' events as one would mislead.
     */
    public static String siteOf(List<KioskState> kiosks, String kioskId) {
        List<String> sites = kiosks.stream().filter(k -> k.kioskId().equals(kioskId)).map(KioskState::siteId)
                .distinct().sorted().toList();
        if (sites.size() > 1) {
            throw new BadParameterException("siteId", "kiosk " + kioskId + " exists at several sites ("
                    + String.join(", ", sites) + "): name one with siteId");
        }
        return sites.isEmpty() ? null : sites.get(0);
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
