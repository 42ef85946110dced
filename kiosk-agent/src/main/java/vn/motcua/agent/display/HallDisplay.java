package vn.motcua.agent.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CounterSettings;
import vn.motcua.agent.counter.CounterService;
import vn.motcua.agent.counter.TryLater;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.voice.Announcement;
import vn.motcua.agent.voice.VoicePack;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.CallAnnounced;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The hall display's live feed (Server-Sent Events): on connect the recent calls of today as one {@code recent}
 * event, then a {@code call} event per call or recall, and a comment line every {@code heartbeat}.
 *
 * <p>A stream holds no thread. The request thread answers the headers and hands the open exchange over; one writer
 * thread then writes every event to every stream, so however many displays are open, the LAN server's threads stay
 * free for the counter console and the ticket pages. Writes are blocking, so a watchdog interrupts a write that a
 * display has not taken within {@code writeTimeout}: the interrupt closes that display's connection only (an
 * interrupted channel closes), and the writer goes on with the others. The number of streams is capped, in all and
 * per address.
 */
@Singleton
public class HallDisplay {
    private static final Logger LOG = LoggerFactory.getLogger(HallDisplay.class);
    /** Events waiting for the writer; only grows while a write stalls, which the watchdog ends. */
    private static final int WRITER_BACKLOG = 1024;
    private static final Duration FULL_WARNING_EVERY = Duration.ofMinutes(1);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final CounterService counters;
    private final CounterSettings settings;
    private final DisplaySettings limits;
    private final ObjectMapper mapper;
    private final SiteConfigStore site;
    private final VoicePack voice;
    private final Runnable unsubscribe;
    private final ThreadPoolExecutor writer;
    private final ScheduledExecutorService timer;
    /** Registered streams; guarded by this. */
    private final List<Stream> streams = new ArrayList<>();
    /** What the writer is writing now, and since when; guarded by {@link #watch}. */
    private final Object watch = new Object();
    private Stream writing;
    private long writingSince;
    private Thread writerThread;
    /** Guarded by this. */
    private boolean closed;
    /** Guarded by this: a full display is logged once a minute, not once per refused request. */
    private long lastFullWarning = System.nanoTime() - FULL_WARNING_EVERY.toNanos();

    private static final class Stream {
        final HttpExchange exchange;
        final OutputStream out;
        final InetAddress from;
        /** Set once the {@code recent} event is out (before it, the headers may not be); writer thread only. */
        boolean live;

        Stream(HttpExchange exchange, InetAddress from) {
            this.exchange = exchange;
            this.out = exchange.getResponseBody();
            this.from = from;
        }
    }

    public HallDisplay(KioskEventBus events, CounterService counters, CounterSettings settings, DisplaySettings limits,
                       ObjectMapper mapper, SiteConfigStore site, VoicePack voice) {
        this.site = site;
        this.voice = voice;
        this.counters = counters;
        this.settings = settings;
        this.limits = limits;
        this.mapper = mapper;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WRITER_BACKLOG),
                r -> {
                    Thread t = new Thread(r, "hall-display-writer");
                    t.setDaemon(true);
                    synchronized (watch) {
                        writerThread = t;
                    }
                    return t;
                }, (task, pool) -> {
                    if (task instanceof Start start) {
                        drop(start.stream);
                    }
                    LOG.warn("hall display: writer backlog full, an event was dropped (displays catch up from the "
                            + "recent calls when they reconnect)");
                });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hall-display-timer");
            t.setDaemon(true);
            return t;
        });
        long heartbeat = limits.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(() -> writer.execute(this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long check = Math.max(50, Math.min(1000, limits.writeTimeout().toMillis() / 4));
        timer.scheduleWithFixedDelay(this::watchdog, check, check, TimeUnit.MILLISECONDS);
        this.unsubscribe = events.subscribe(event -> {
            if (event instanceof CallAnnounced call) {
                HallCall aloud = aloud(call);
                writer.execute(() -> broadcast(frame(call.type().wireName(), aloud)));
            }
        });
    }

    /**
     * Takes over an exchange for {@code GET /man-hinh/events}: answers the headers on the caller's thread and returns
     * at once; the exchange stays open until the display goes or the agent stops. Refuses, before any byte is
     * written, with a 429 when the address has its share of streams open and a 503 when the display is full.
     */
    public void open(HttpExchange exchange) throws IOException {
        InetAddress from = exchange.getRemoteAddress().getAddress();
        Stream stream = new Stream(exchange, from);
        synchronized (this) {
            if (closed) {
                throw new TryLater(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", null,
                        "Kiosk đang khởi động lại.", Duration.ofSeconds(10));
            }
            long fromThere = streams.stream().filter(s -> s.from.equals(from)).count();
            if (fromThere >= limits.maxStreamsPerAddress()) {
                throw new TryLater(HttpStatus.TOO_MANY_REQUESTS, "too_many_streams", null,
                        "Máy này đã mở " + fromThere + " màn hình gọi số; đóng bớt rồi thử lại.", Duration.ofSeconds(30));
            }
            if (streams.size() >= limits.maxStreams()) {
                if (System.nanoTime() - lastFullWarning > FULL_WARNING_EVERY.toNanos()) {
                    lastFullWarning = System.nanoTime();
                    LOG.warn("hall display: {} streams open (agent.counter.display.max-streams), refusing more, e.g. "
                            + "from {}", streams.size(), from.getHostAddress());
                }
                throw new TryLater(HttpStatus.SERVICE_UNAVAILABLE, "display_full", null,
                        "Đã có quá nhiều màn hình gọi số đang mở; thử lại sau.", Duration.ofSeconds(30));
            }
            streams.add(stream);
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
        } catch (IOException | RuntimeException e) {
            forget(stream);
            throw e;
        }
        writer.execute(new Start(stream));
    }

    /** A named task, so that a full backlog closes the display it was for instead of leaving it silent. */
    private final class Start implements Runnable {
        final Stream stream;

        Start(Stream stream) {
            this.stream = stream;
        }

        @Override
        public void run() {
            start(stream);
        }
    }

    /** Streams open now. */
    public synchronized int openStreams() {
        return streams.size();
    }

    private void start(Stream stream) {
        byte[] first;
        try {
            first = ("retry: 5000\n\n" + frame("recent", counters.recentCalls(settings.recentCalls() + 4)))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.error("hall display: cannot read the recent calls", e);
            drop(stream);
            return;
        }
        if (write(stream, first)) {
            stream.live = true;
        }
    }

    private void broadcast(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        for (Stream s : snapshot()) {
            if (s.live) {
                write(s, bytes);
            }
        }
    }

    private void heartbeat() {
        for (Stream s : snapshot()) {
            if (s.live) {
                write(s, PING);
            }
        }
    }

    private synchronized List<Stream> snapshot() {
        return new ArrayList<>(streams);
    }

    /** On the writer thread only. False, and the stream dropped, when the display has gone or stalled. */
    private boolean write(Stream s, byte[] bytes) {
        synchronized (watch) {
            writing = s;
            writingSince = System.nanoTime();
        }
        boolean ok = false;
        try {
            s.out.write(bytes);
            s.out.flush();
            ok = true;
        } catch (IOException e) {
            LOG.debug("hall display at {} has gone: {}", s.from.getHostAddress(), e.toString());
        } finally {
            synchronized (watch) {
                writing = null;
            }
            // set by the watchdog: this display did not take the write in time, and its channel is closed
            if (Thread.interrupted()) {
                ok = false;
                LOG.info("hall display at {} stopped reading for {}; dropped", s.from.getHostAddress(),
                        limits.writeTimeout());
            }
        }
        if (!ok) {
            drop(s);
        }
        return ok;
    }

    private void watchdog() {
        synchronized (watch) {
            if (writing != null && writerThread != null
                    && System.nanoTime() - writingSince > limits.writeTimeout().toNanos()) {
                writerThread.interrupt();
                writing = null;
            }
        }
    }

    private void drop(Stream s) {
        forget(s);
        s.exchange.close();
    }

    private synchronized void forget(Stream s) {
        streams.remove(s);
    }

    /**
     * A call or recall as the display gets it: the call, and what to say after the chime. The clips are planned here
     * so the page only plays a list; an empty list (announcing off, no pack yet, a counter with no number) means
     * the chime alone.
     *
     * @param announce whether the site speaks, its volume (0-100) and the clips, in order
     */
    record HallCall(String display, String counter, String counterName, String at, boolean recall, Aloud announce) {
    }

    record Aloud(boolean enabled, int volume, List<String> clips) {
    }

    private HallCall aloud(CallAnnounced call) {
        SiteConfig.Announce announce = site.current().announceOrDefault();
        List<String> clips = List.of();
        if (announce.enabled()) {
            OptionalInt number = Announcement.counterNumber(call.counter(), call.counterName());
            try {
                List<String> planned = number.isPresent() ? Announcement.plan(call.display(), number.getAsInt())
                        : List.of();
                clips = voice.has(planned) ? planned : List.of();
            } catch (IllegalArgumentException e) {
                LOG.warn("hall display: {} to counter {} only chimes: {}", call.display(), call.counter(),
                        e.getMessage());
            }
        }
        return new HallCall(call.display(), call.counter(), call.counterName(), call.at(), call.recall(),
                new Aloud(announce.enabled(), announce.volume(), clips));
    }

    private String frame(String type, Object body) {
        try {
            return "event: " + type + "\ndata: " + mapper.writeValueAsString(body) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hall display event " + type + " cannot be written as JSON", e);
        }
    }

    /** Stops the feed; the LAN server closes the connections when it stops. */
    @PreDestroy
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            streams.clear();
        }
        unsubscribe.run();
        timer.shutdownNow();
        writer.shutdownNow();
    }
}
