package vn.motcua.central.alert;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Forbidden;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController {
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
    private final AlertStore alerts;
    private final Clock clock;

    public AlertController(AlertStore alerts, Clock clock) {
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Fleet staff (operators and admins) acknowledge alerts; viewers only watch. */
    @Post("/{id}/ack")
    public HttpResponse<?> acknowledge(HttpRequest<?> request, @PathVariable String id) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canSendCommands()) {
            throw new Forbidden("role " + who.role().wireName() + " may not acknowledge alerts");
        }
        if (!ID.matcher(id).matches()) {
            throw new BadParameterException("id", "must be an alert id (UUID)");
        }
        boolean done = alerts.acknowledge(id, who.username(), clock.millis());
        return done ? HttpResponse.ok(Map.of("acknowledged", id))
                : HttpResponse.notFound(Map.of("message", "no unacknowledged alert " + id));
    }
}
