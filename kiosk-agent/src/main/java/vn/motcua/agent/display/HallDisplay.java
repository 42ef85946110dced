package vn.motcua.agent.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import jakarta.inject.Singleton;
import vn.motcua.agent.counter.CallAnnounced;
import vn.motcua.agent.counter.CounterService;
import vn.motcua.agent.counter.CounterSettings;
import vn.motcua.agent.stream.KioskEventBus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hall display's live feed (Server-Sent Events): on connect the recent calls of today as one {@code recent}
 * event, then a {@code call} event per call or recall. A comment every 15 s keeps proxies and TVs from dropping an
 * idle stream, and tells us when the TV has gone.
 */
@Singleton
public class HallDisplay {
    private static final long HEARTBEAT_SECONDS = 15;

    private final KioskEventBus events;
    private final CounterService counters;
    private final CounterSettings settings;
    private final ObjectMapper mapper;
    private final AtomicBoolean open = new AtomicBoolean(true);

    public HallDisplay(KioskEventBus events, CounterService counters, CounterSettings settings, ObjectMapper mapper) {
        this.events = events;
        this.counters = counters;
        this.settings = settings;
        this.mapper = mapper;
    }

    public void stream(HttpExchange exchange) throws IOException {
        BlockingQueue<Object> pending = new LinkedBlockingQueue<>(256);
        Runnable unsubscribe = events.subscribe((type, body) -> {
            if (KioskEventBus.CALL.equals(type)) {
                pending.offer(body);
            }
        });
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<CallAnnounced> recent = counters.recentCalls(settings.recentCalls() + 4);
            send(out, "recent", recent);
            while (open.get()) {
                Object call = pending.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                if (call == null) {
                    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    send(out, "call", call);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
        }
    }

    private void send(OutputStream out, String type, Object body) throws IOException {
        String data;
        try {
            data = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void close() {
        open.set(false);
    }
}
