package vn.motcua.agent.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.config.MqttSettings;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.outbox.Outbox;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.screen.AgentStatus;
import vn.motcua.agent.queue.TicketService;
import vn.motcua.agent.status.KioskHealth;
import vn.motcua.agent.sync.Publisher;


@Controller("/api/status")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatusController {
    private final KioskSettings kiosk;
    private final Database db;
    private final TicketService tickets;
    private final Outbox outbox;
    private final MqttSettings mqtt;
    private final KioskHealth health;
    private final PrinterMonitor printer;
    private final Publisher publisher;

    public StatusController(KioskSettings kiosk, Database db, TicketService tickets, Outbox outbox, MqttSettings mqtt,
                            KioskHealth health, PrinterMonitor printer, Publisher publisher) {
        this.kiosk = kiosk;
        this.db = db;
        this.tickets = tickets;
        this.outbox = outbox;
        this.mqtt = mqtt;
        this.health = health;
        this.printer = printer;
        this.publisher = publisher;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public AgentStatus status() {
        KioskHealth.Snapshot now = health.current();
        return db.transaction(c -> new AgentStatus(kiosk.siteId(), kiosk.kioskId(), tickets.waitingToday(c),
                now.outboxBacklog(), outbox.lastSeq(c), outbox.lastAckSeq(c), publisher.acksRefused(),
                new AgentStatus.Broker(mqtt.url(), now.centralLink()), printer.view()));
    }
}
