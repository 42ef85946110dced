package vn.motcua.agent.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.IdempotencyKey;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.protocol.event.Priority;

import java.util.regex.Pattern;

@Controller("/api/tickets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketController {
    private static final Pattern SERVICE = Pattern.compile("[A-Z]");
    private static final String PRIORITIES = "elderly, disabled, pregnant, child, other";

    private final TicketService tickets;
    private final ObjectMapper mapper;

    public TicketController(TicketService tickets, ObjectMapper mapper) {
        this.tickets = tickets;
        this.mapper = mapper;
    }

    /** {@code {"service":"A","priority":null|"elderly"|…}} → 201 with the ticket; a repeated key → the same ticket. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TicketView> issue(@Body @Nullable String body,
                                          @Header(IdempotencyKey.HEADER) @Nullable String idempotencyKey) {
        String key = IdempotencyKey.check(idempotencyKey);
        JsonRequest request = JsonRequest.parse(mapper, body);
        String service = request.requiredText("service", 8);
        if (!SERVICE.matcher(service).matches()) {
            throw ApiException.invalid("service", "service must be one uppercase letter A-Z, got '" + service + "'");
        }
        String priorityName = request.optionalText("priority", 16);
        Priority priority = null;
        if (priorityName != null) {
            priority = Priority.fromWire(priorityName).orElseThrow(() -> ApiException.invalid("priority",
                    "priority must be null or one of " + PRIORITIES + ", got '" + priorityName + "'"));
        }
        Issued issued = tickets.issue(service, priority, key);
        MutableHttpResponse<TicketView> response = HttpResponse.created(issued.ticket());
        return issued.created() ? response : response.header("Idempotent-Replayed", "true");
    }
}
