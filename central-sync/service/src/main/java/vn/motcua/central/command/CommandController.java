package vn.motcua.central.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.protocol.Topics;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

@Controller("/api/kiosks/{kioskId}/commands")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommandController {
    private final CommandService service;
    private final CommandStore store;

    public CommandController(CommandService service, CommandStore store) {
        this.service = service;
        this.store = store;
    }

    public record CommandRequest(String type, @Nullable Map<String, String> args) {
    }

    @Post
    public HttpResponse<?> send(HttpRequest<?> request, @PathVariable String kioskId, @Body CommandRequest body) {
        requireKioskId(kioskId);
        try {
            return HttpResponse.accepted().body(service.issue(AuthFilter.principal(request), kioskId, body.type(),
                    body.args()));
        } catch (NoSuchElementException e) {
            return HttpResponse.notFound(Map.of("message", e.getMessage(), "parameter", "kioskId"));
        }
    }

    @Get
    public List<CommandRecord> history(@PathVariable String kioskId) {
        requireKioskId(kioskId);
        return store.forKiosk(kioskId, 50);
    }

    private static void requireKioskId(String kioskId) {
        if (!Topics.isValidId(kioskId)) {
            throw new BadParameterException("kioskId", "must be 1-64 of A-Z a-z 0-9 _ -");
        }
    }
}
