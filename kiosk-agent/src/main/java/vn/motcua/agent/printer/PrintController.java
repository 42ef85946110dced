package vn.motcua.agent.printer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.PrinterInfo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

@Controller("/api/print")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PrintController {
    private final TicketPrinter printer;
    private final PrinterMonitor monitor;
    private final SiteConfigStore site;
    private final Clock clock;
    private final KioskSettings kiosk;
    private final ObjectMapper mapper;

    public PrintController(TicketPrinter printer, PrinterMonitor monitor, SiteConfigStore site, Clock clock,
                           KioskSettings kiosk, ObjectMapper mapper) {
        this.printer = printer;
        this.monitor = monitor;
        this.site = site;
        this.clock = clock;
        this.kiosk = kiosk;
        this.mapper = mapper;
    }

    /** Prints a test slip → {@code {"printed","printProblem","bytes","printer":{status,detail,since}}}. */
    @Post(uri = "/test", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TestPrint> test() {
        String when = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").format(OffsetDateTime.now(clock.withZone(kiosk.zone())));
        PrintOutcome outcome = printer.printTest(site.current().siteName(), when);
        return HttpResponse.ok(new TestPrint(outcome.printed(), outcome.problem(), outcome.bytes(), monitor.view()));
    }

    /**
     * Prints the guide slip of a catalogue procedure, found by {@code procedureCode} or, for procedures without a
     * code, by its Vietnamese {@code title}. What is printed comes from the catalogue, not from the request.
     */
    @Post(uri = "/guide", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TestPrint> guide(@Body String body) {
        JsonRequest request = JsonRequest.parse(mapper, body);
        String code = request.optionalText("procedureCode", 64);
        String title = request.optionalText("title", 500);
        if ((code == null || code.isBlank()) && (title == null || title.isBlank())) {
            throw ApiException.invalid("procedureCode", "give the procedure's code, or its title when it has none");
        }
        SiteConfig.Procedure procedure = site.current().procedures().stream()
                .filter(p -> code != null && !code.isBlank() ? code.equals(p.code())
                        : p.code() == null && title.equals(p.nameVi()))
                .findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "procedure_not_found",
                        code != null && !code.isBlank() ? "procedureCode" : "title",
                        "Không có thủ tục này trong danh mục của điểm một cửa"));
        String when = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").format(OffsetDateTime.now(clock.withZone(kiosk.zone())));
        PrintOutcome outcome = printer.printGuide(site.current().siteName(), procedure, when);
        return HttpResponse.ok(new TestPrint(outcome.printed(), outcome.problem(), outcome.bytes(), monitor.view()));
    }

    public record TestPrint(boolean printed, String printProblem, int bytes, PrinterInfo printer) {
    }
}
