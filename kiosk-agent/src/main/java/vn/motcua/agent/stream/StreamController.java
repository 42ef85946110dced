package vn.motcua.agent.stream;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import vn.motcua.agent.printer.PrinterMonitor;
import vn.motcua.agent.site.SiteConfigStore;

import java.time.Duration;

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
    private final Duration pingInterval;

    public StreamController(KioskEventBus bus, PrinterMonitor printer, SiteConfigStore site,
                            @io.micronaut.context.annotation.Value("${agent.stream.ping-interval:15s}")
                            Duration pingInterval) {
        this.bus = bus;
        this.printer = printer;
        this.site = site;
        this.pingInterval = pingInterval;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> stream() {
        Flux<Event<Object>> live = Flux.<Event<Object>>create(sink -> {
            Runnable unsubscribe = bus.subscribe((type, body) -> sink.next(Event.of(body).name(type)));
            sink.onDispose(unsubscribe::run);
        }, FluxSink.OverflowStrategy.LATEST).onBackpressureBuffer(BUFFER_PER_SUBSCRIBER);
        Flux<Event<Object>> first = Flux.defer(() -> Flux.just(
                Event.<Object>of(printer.view()).name(KioskEventBus.PRINTER),
                Event.<Object>of(new SiteConfigStore.ConfigChanged(site.current().version()))
                        .name(KioskEventBus.CONFIG)));
        Flux<Event<Object>> pings = Flux.interval(pingInterval)
                .map(n -> Event.<Object>of(new Ping(n)).name("ping"));
        return Flux.concat(first, Flux.merge(live, pings));
    }

    public record Ping(long n) {
    }
}
