package vn.motcua.agent.stream;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.screen.ConfigChanged;
import vn.motcua.screen.Ping;
import vn.motcua.screen.StreamEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/stream}: the kiosk event bus as server-sent events for the screen. A new subscriber first gets
 * the current printer state and configuration version, so it never has to poll after a reconnect; a {@code ping}
 * every {@code agent.stream.ping-interval} lets it notice a half-open connection.
 */
@Controller("/api/stream")
public class StreamController {
    /** Events queued for one slow screen before the oldest are dropped; the screen re-reads state on reconnect. */
    private static final int BUFFER_PER_SUBSCRIBER = 256;

    private final KioskEventBus bus;
    private final PrinterMonitor printer;
    private final SiteConfigStore site;
    private final KioskScreens screens;
    private final Clock clock;
    private final Duration pingInterval;

    public StreamController(KioskEventBus bus, PrinterMonitor printer, SiteConfigStore site, KioskScreens screens,
                            Clock clock,
                            @io.micronaut.context.annotation.Value("${agent.stream.ping-interval:15s}")
                            Duration pingInterval) {
        this.bus = bus;
        this.printer = printer;
        this.site = site;
        this.screens = screens;
        this.clock = clock;
        this.pingInterval = pingInterval;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> stream() {
        Flux<Event<Object>> live = Flux.<Event<Object>>create(sink -> {
            Runnable unsubscribe = bus.subscribe(event -> sink.next(named(event)));
            sink.onDispose(unsubscribe::run);
        }, FluxSink.OverflowStrategy.LATEST).onBackpressureBuffer(BUFFER_PER_SUBSCRIBER);
        Flux<Event<Object>> first = Flux.defer(() -> {
            List<Event<Object>> now = new ArrayList<>(List.of(named(printer.view()),
                    named(new ConfigChanged(site.current().version()))));
            screens.notice(clock.instant()).ifPresent(n -> now.add(named(n)));
            return Flux.fromIterable(now);
        });
        Flux<Event<Object>> pings = Flux.interval(pingInterval)
                .map(n -> named(new Ping(n)));
        return Flux.concat(first, Flux.merge(live, pings))
                .doOnSubscribe(s -> screens.opened())
                .doFinally(signal -> screens.closed());
    }

    private static Event<Object> named(StreamEvent event) {
        return Event.<Object>of(event).name(event.type().wireName());
    }
}
