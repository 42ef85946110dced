package vn.motcua.central.operations;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.web.Principal;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.QuarantinedEvent;
import vn.motcua.central.store.Readmission;
import vn.motcua.central.web.Forbidden;
import vn.motcua.protocol.Topics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Events the database refused, kept whole: {@code GET /api/quarantine} lists them newest first (optionally of one
 * site and kiosk; the read API token may read it), and {@code POST /api/quarantine/{id}/readmit} tries to store one
 * again (fleet staff: operators and admins). Re-admitted, it leaves the quarantine; refused again, it stays with the
 * new reason and the answer is 409 with that reason.
 */
@Controller("/api/quarantine")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QuarantineController {
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private final EventStore store;

    public QuarantineController(EventStore store) {
        this.store = store;
    }

    /** A quarantined event as the API shows it; {@code event} is the kept JSON, written as is. */
    public record View(String id, String siteId, String kioskId, long seq, String eventId, String type,
                       String reason, Instant quarantinedAt, int attempts, Instant lastAttemptAt,
                       @JsonRawValue String event) {
        static View of(QuarantinedEvent q) {
            return new View(q.id(), q.siteId(), q.kioskId(), q.seq(), q.eventId(), q.type(), q.reason(),
                    q.quarantinedAt(), q.attempts(), q.lastAttemptAt(), q.raw());
        }
    }

    @Get
    public List<View> list(@Nullable @QueryValue String siteId, @Nullable @QueryValue String kioskId,
                           @Nullable @QueryValue String limit) {
        String site = blankToNull(siteId);
        String kiosk = blankToNull(kioskId);
        if (site != null && !Topics.isValidId(site)) {
            throw new BadParameterException("siteId", "siteId must be 1-64 of A-Z a-z 0-9 _ -");
        }
        if (kiosk != null && !Topics.isValidId(kiosk)) {
            throw new BadParameterException("kioskId", "kioskId must be 1-64 of A-Z a-z 0-9 _ -");
        }
        return store.quarantined(site, kiosk, parseLimit(limit)).stream().map(View::of).toList();
    }

    @Post("/{id}/readmit")
    public HttpResponse<?> readmit(HttpRequest<?> request, @PathVariable String id) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canSendCommands()) {
            throw new Forbidden("role " + who.role().wireName() + " may not re-admit quarantined events");
        }
        if (!ID.matcher(id).matches()) {
            throw new BadParameterException("id", "must be a quarantine id (UUID)");
        }
        Readmission r = store.readmit(id);
        return switch (r.outcome()) {
            case READMITTED -> HttpResponse.ok(Map.of("readmitted", id));
            case STILL_REFUSED -> HttpResponse.status(io.micronaut.http.HttpStatus.CONFLICT)
                    .body(Map.of("message", "the database still refuses this event: " + r.reason(), "id", id));
            case NOT_FOUND -> HttpResponse.notFound(Map.of("message", "no quarantined event " + id, "id", id));
        };
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
