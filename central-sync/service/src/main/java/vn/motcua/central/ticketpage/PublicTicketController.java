package vn.motcua.central.ticketpage;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The citizen's ticket page, public (no sign-in), reached only by the ticket's random id: the number, the service,
 * people ahead and the estimated wait, then the call and the end. {@code /t/<id>/live} streams the same status as it
 * changes; the page's script swaps it in and alerts. An unknown or malformed id is a plain "not found" page.
 */
@Controller("/t")
public class PublicTicketController {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(Html.ZONE);

    private final TicketProgressQuery tickets;
    private final Views views;
    private final PublicPageConfig config;

    public PublicTicketController(TicketProgressQuery tickets, Views views, PublicPageConfig config) {
        this.tickets = tickets;
        this.views = views;
        this.config = config;
    }

    /** What the templates are given: the ticket, its id for the stream, the language, and the texts. */
    public record Model(String ticketId, TicketStatus ticket, Lang lang) {
        public String t(String key) {
            return lang.t(key);
        }

        public String f(String key, Object... args) {
            return String.format(lang.t(key), args);
        }

        public String service() {
            return lang == Lang.EN ? ticket.serviceEn() : ticket.serviceVi();
        }

        public String figuresAt() {
            Instant at = ticket.figuresAt();
            return at == null ? null : HOUR.format(at);
        }

        public Lang other() {
            return lang == Lang.VI ? Lang.EN : Lang.VI;
        }
    }

    @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<String> page(HttpRequest<?> request, @PathVariable String id) {
        Lang lang = Lang.of(request);
        Optional<TicketStatus> ticket = tickets.find(id);
        if (ticket.isEmpty()) {
            return notFound(views, lang);
        }
        return Html.ok(lang, views.render("ticketpage/ticket.jte", Map.of("page", new Model(id, ticket.get(), lang))))
                .header("X-Robots-Tag", "noindex");
    }

    /** What the live stream sends: the state for the script's alerts and the status block to show. */
    public record Update(String state, int ahead, boolean near, String html) {
    }

    @Get(value = "/{id}/live", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Update>> live(HttpRequest<?> request, @PathVariable String id) {
        Lang lang = Lang.of(request);
        if (!TicketProgressQuery.isTicketId(id)) {
            return Flux.empty();
        }
        return Flux.interval(Duration.ZERO, config.pollEvery())
                .onBackpressureDrop()
                .take(config.streamFor())
                .publishOn(Schedulers.boundedElastic())
                .map(tick -> tickets.find(id))
                .takeWhile(Optional::isPresent)
                .map(t -> update(id, t.get(), lang))
                .distinctUntilChanged()
                .map(u -> Event.of(u).name("ticket"));
    }

    private Update update(String id, TicketStatus t, Lang lang) {
        String html = views.render("ticketpage/status.jte", Map.of("page", new Model(id, t, lang)));
        return new Update(t.state(), t.ahead(), t.near(), html);
    }

    /** The plain page for no such ticket, in the public page's look. */
    static MutableHttpResponse<String> notFound(Views views, Lang lang) {
        return message(views, lang, "ticket.notFound.title", "ticket.notFound.text").status(HttpStatus.NOT_FOUND);
    }

    static MutableHttpResponse<String> message(Views views, Lang lang, String title, String text) {
        return Html.ok(lang, views.render("ticketpage/message.jte",
                Map.of("lang", lang, "title", lang.t(title), "text", lang.t(text))));
    }
}
