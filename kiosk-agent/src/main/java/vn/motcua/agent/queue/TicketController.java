package vn.motcua.agent.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.IdempotencyKey;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.protocol.event.Priority;
import vn.motcua.screen.TicketStatus;
import vn.motcua.screen.TicketView;

import java.util.regex.Pattern;

@Controller("/api/tickets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketController {
    private static final Pattern SERVICE = Pattern.compile("[A-Z]");
    private static final String PRIORITIES = "elderly, disabled, pregnant, child, other";

    private static final Pattern DISPLAY = Pattern.compile("[A-Z][0-9]{3,4}");

    private final TicketDesk desk;
    private final TicketQuery query;
    private final ObjectMapper mapper;

    public TicketController(TicketDesk desk, TicketQuery query, ObjectMapper mapper) {
        this.desk = desk;
        this.query = query;
        this.mapper = mapper;
    }

    /** Where a ticket stands: waiting (with people ahead), called or served (with counter and officer), or no-show. */
    @Get(uri = "/{ticketId}", produces = MediaType.APPLICATION_JSON)
    public TicketStatus status(@PathVariable String ticketId) {
        if (ticketId.length() > 64) {
            throw ApiException.invalid("ticketId", "ticketId must be at most 64 characters, got " + ticketId.length());
        }
        return query.byId(ticketId);
    }

    /** Today's ticket with this number, e.g. {@code ?number=A012}. */
    @Get(produces = MediaType.APPLICATION_JSON)
    public TicketStatus byNumber(@QueryValue @Nullable String number) {
        if (number == null || !DISPLAY.matcher(number).matches()) {
            throw ApiException.invalid("number", "number must be a ticket number like A012, got '" + number + "'");
        }
        return query.byNumber(number);
    }

    /**
     * {@code {"service":"A","priority":null|"elderly"|…}} → 201 with the ticket, whether it printed, and its status
     * URL; a repeated key → the same ticket, not printed again.
     */
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
        Issued issued = desk.issue(service, priority, key);
        MutableHttpResponse<TicketView> response = HttpResponse.created(issued.ticket());
        return issued.created() ? response : response.header("Idempotent-Replayed", "true");
    }
}
