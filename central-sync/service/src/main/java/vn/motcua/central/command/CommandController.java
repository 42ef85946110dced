package vn.motcua.central.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.store.EventStore;
import vn.motcua.central.store.KioskKey;
import vn.motcua.central.store.KioskState;
import vn.motcua.protocol.Topics;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A kiosk's commands: {@code /api/sites/{siteId}/kiosks/{kioskId}/commands}. The older
 * {@code /api/kiosks/{kioskId}/commands} still answers, with {@code ?siteId=} or when one site only has that kiosk id;
 * when several have, it is a 400 naming {@code siteId}.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommandController {
    private final CommandService service;
    private final CommandStore commands;
    private final EventStore store;

    public CommandController(CommandService service, CommandStore commands, EventStore store) {
        this.service = service;
        this.commands = commands;
        this.store = store;
    }

    public record CommandRequest(String type, @Nullable Map<String, String> args) {
    }

    @Post("/sites/{siteId}/kiosks/{kioskId}/commands")
    public HttpResponse<?> send(HttpRequest<?> request, @PathVariable String siteId, @PathVariable String kioskId,
                                @Body CommandRequest body) {
        return send(request, kiosk(siteId, kioskId), body);
    }

    @Get("/sites/{siteId}/kiosks/{kioskId}/commands")
    public List<CommandRecord> history(@PathVariable String siteId, @PathVariable String kioskId) {
        return commands.forKiosk(kiosk(siteId, kioskId), 50);
    }

    @Post("/kiosks/{kioskId}/commands")
    public HttpResponse<?> sendByKioskId(HttpRequest<?> request, @PathVariable String kioskId,
                                         @Nullable @QueryValue String siteId, @Body CommandRequest body) {
        if (siteId != null && !siteId.isEmpty()) {
            return send(request, kiosk(siteId, kioskId), body);
        }
        requireId("kioskId", kioskId);
        KioskKey kiosk = onlyKiosk(kioskId);
        if (kiosk == null) {
            return HttpResponse.notFound(Map.of("message", "no kiosk " + kioskId, "parameter", "kioskId"));
        }
        return send(request, kiosk, body);
    }

    @Get("/kiosks/{kioskId}/commands")
    public List<CommandRecord> historyByKioskId(@PathVariable String kioskId, @Nullable @QueryValue String siteId) {
        if (siteId != null && !siteId.isEmpty()) {
            return history(siteId, kioskId);
        }
        requireId("kioskId", kioskId);
        KioskKey kiosk = onlyKiosk(kioskId);
        return kiosk == null ? List.of() : commands.forKiosk(kiosk, 50);
    }

    private HttpResponse<?> send(HttpRequest<?> request, KioskKey kiosk, CommandRequest body) {
        try {
            return HttpResponse.accepted().body(service.issue(AuthFilter.principal(request), kiosk, body.type(),
                    body.args()));
        } catch (NoSuchElementException e) {
            return HttpResponse.notFound(Map.of("message", e.getMessage(), "parameter", "kioskId"));
        }
    }

    /** The one kiosk with this id, null when none; a 400 naming {@code siteId} when several sites have it. */
    private KioskKey onlyKiosk(String kioskId) {
        List<KioskKey> found = store.kiosks().stream().filter(k -> k.kioskId().equals(kioskId))
                .map(KioskState::key).sorted().toList();
        if (found.size() > 1) {
            throw new BadParameterException("siteId", "kiosk " + kioskId + " exists at several sites ("
                    + String.join(", ", found.stream().map(KioskKey::siteId).toList()) + "): name one with siteId");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static KioskKey kiosk(String siteId, String kioskId) {
        requireId("siteId", siteId);
        requireId("kioskId", kioskId);
        return new KioskKey(siteId, kioskId);
    }

    private static void requireId(String name, String id) {
        if (!Topics.isValidId(id)) {
            throw new BadParameterException(name, "must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }
}
