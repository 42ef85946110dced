package vn.motcua.agent.printer;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.site.SiteConfigStore;

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

    public PrintController(TicketPrinter printer, PrinterMonitor monitor, SiteConfigStore site, Clock clock,
                           KioskSettings kiosk) {
        this.printer = printer;
        this.monitor = monitor;
        this.site = site;
        this.clock = clock;
        this.kiosk = kiosk;
    }

    /** Prints a test slip → {@code {"printed","printProblem","bytes","printer":{status,detail,since}}}. */
    @Post(uri = "/test", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TestPrint> test() {
        String when = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy").format(OffsetDateTime.now(clock.withZone(kiosk.zone())));
        PrintOutcome outcome = printer.printTest(site.current().siteName(), when);
        return HttpResponse.ok(new TestPrint(outcome.printed(), outcome.problem(), outcome.bytes(), monitor.view()));
    }

    public record TestPrint(boolean printed, String printProblem, int bytes, PrinterMonitor.PrinterEvent printer) {
    }
}
