package vn.motcua.agent.queue;

import jakarta.inject.Singleton;
import vn.motcua.agent.config.LanAddress;
import vn.motcua.agent.db.Database;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.printer.PrintOutcome;
import vn.motcua.agent.printer.TicketPrinter;
import vn.motcua.agent.printer.TicketSlip;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.protocol.event.Priority;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.QueueChanged;
import vn.motcua.screen.TicketView;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a ticket is taken, from the screen or the physical button: it is issued and committed first, then printed.
 * A failed print leaves the ticket issued and flagged {@code printed:false}, so the screen shows it as a QR.
 */
@Singleton
public class TicketDesk {
    private static final Map<String, String> PRIORITY_LABELS = Map.of(
            "elderly", "Ưu tiên: Người cao tuổi",
            "disabled", "Ưu tiên: Người khuyết tật",
            "pregnant", "Ưu tiên: Phụ nữ mang thai",
            "child", "Ưu tiên: Người đi cùng trẻ nhỏ",
            "other", "Ưu tiên");

    private final TicketService tickets;
    private final TicketPrinter printer;
    private final WaitEstimator wait;
    private final Database db;
    private final SiteConfigStore site;
    private final LanAddress lan;
    private final KioskEventBus events;
    /** Prints in progress by idempotency key, for a retried request that arrives meanwhile. */
    private final Map<String, CompletableFuture<TicketService.PrintRecord>> printing = new ConcurrentHashMap<>();

    public TicketDesk(TicketService tickets, TicketPrinter printer, WaitEstimator wait, Database db,
                      SiteConfigStore site, LanAddress lan, KioskEventBus events) {
        this.tickets = tickets;
        this.printer = printer;
        this.wait = wait;
        this.db = db;
        this.site = site;
        this.lan = lan;
        this.events = events;
    }

    public Issued issue(String service, Priority priority, String idempotencyKey) {
        CompletableFuture<TicketService.PrintRecord> mine = new CompletableFuture<>();
        // another request with this key still printing in this process; never this request's own future
        CompletableFuture<TicketService.PrintRecord> earlier =
                idempotencyKey == null ? null : printing.putIfAbsent(idempotencyKey, mine);
        try {
            Issued issued = tickets.issue(service, priority, idempotencyKey);
            TicketView t = issued.ticket();
            String url = statusUrl(t.ticketId());
            int minutes = db.transaction(c -> wait.minutes(c, service, t.peopleAhead()));
            if (!issued.created()) {
                TicketService.PrintRecord record = t.printed() != null
                        ? new TicketService.PrintRecord(t.printed(), t.printProblem()) : awaitPrint(earlier, t);
                return new Issued(t.withPrint(record.printed(), record.problem(), url, minutes), false);
            }
            PrintOutcome outcome = printer.print(slip(t, url, minutes), t.display() + "-" + t.ticketId());
            tickets.recordPrint(t.ticketId(), outcome.printed(), outcome.problem());
            mine.complete(new TicketService.PrintRecord(outcome.printed(), outcome.problem()));
            events.publish(new QueueChanged(service));
            return new Issued(t.withPrint(outcome.printed(), outcome.problem(), url, minutes), true);
        } finally {
            if (idempotencyKey != null) {
                printing.remove(idempotencyKey, mine);
            }
        }
    }

    /**
     * A retried request arrived while the first one is still printing: answer with that print's result, so both get
     * the same body. A ticket whose print never finished (the agent stopped) reports {@code error}.
     */
    private TicketService.PrintRecord awaitPrint(CompletableFuture<TicketService.PrintRecord> inFlight, TicketView t) {
        if (inFlight != null) {
            try {
                return inFlight.get(printer.settings().writeTimeout().toMillis() * (printer.settings().retries() + 2),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // fall through to what is stored
            }
        }
        return tickets.printRecord(t.ticketId()).orElse(new TicketService.PrintRecord(false, "error"));
    }

    /**
     * Where the ticket's QR leads: central's public page when the site has a public address (a phone on mobile data
     * reaches it), this kiosk's LAN page otherwise.
     */
    public String statusUrl(String ticketId) {
        String publicBase = site.current().publicBaseUrl();
        String base = publicBase == null ? lan.baseUrl() : publicBase.replaceAll("/+$", "");
        return base + "/t/" + ticketId;
    }

    TicketSlip slip(TicketView t, String url, int minutes) {
        SiteConfig config = site.current();
        String serviceName = config.services().stream().filter(s -> s.prefix().equals(t.service())).findFirst()
                .map(SiteConfig.Service::nameVi).orElse("Dịch vụ " + t.service());
        return new TicketSlip(config.siteName(), serviceName, t.display(),
                t.priority() == null ? null : PRIORITY_LABELS.get(t.priority()), t.peopleAhead(), minutes,
                OffsetDateTime.parse(t.issuedAt()), url);
    }
}
