package vn.motcua.agent.status;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.queue.TicketService;
import vn.motcua.agent.sync.MqttTransport;
import vn.motcua.agent.sync.Publisher;
import vn.motcua.agent.printer.PrinterMonitor;

import java.util.Map;

@Controller("/api/status")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {
    private final KioskSettings kiosk;
    private final Database db;
    private final TicketService tickets;
    private final Outbox outbox;
    private final MqttTransport transport;
    private final PrinterMonitor printer;
    private final Publisher publisher;

    public StatusController(KioskSettings kiosk, Database db, TicketService tickets, Outbox outbox,
                            MqttTransport transport, PrinterMonitor printer, Publisher publisher) {
        this.kiosk = kiosk;
        this.db = db;
        this.tickets = tickets;
        this.outbox = outbox;
        this.transport = transport;
        this.printer = printer;
        this.publisher = publisher;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public AgentStatus status() {
        return db.transaction(c -> new AgentStatus(kiosk.siteId(), kiosk.kioskId(), tickets.waitingToday(c),
                outbox.backlog(c), outbox.lastSeq(c), outbox.lastAckSeq(c), publisher.acksRefused(),
                new AgentStatus.Broker(transport.brokerUrl(), transport.isConnected()), printer.view()));
    }

    /**
     * {@code queues}: waiting tickets today per service prefix; {@code acksRefused}: acks not applied since start
     * (unsigned, forged, another kiosk's, replayed or beyond what was sent — each is logged).
     */
    public record AgentStatus(String siteId, String kioskId, Map<String, Integer> queues, long outboxBacklog,
                              long lastSeq, long lastAckSeq, long acksRefused, Broker broker, PrinterMonitor.PrinterEvent printer) {
        public record Broker(String url, boolean connected) {
        }
    }
}
