package vn.motcua.agent.lan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CounterSettings;
import vn.motcua.agent.config.LanAddress;
import vn.motcua.agent.counter.CallView;
import vn.motcua.agent.counter.CounterService;
import vn.motcua.agent.counter.CounterSession;
import vn.motcua.agent.counter.OwnFigures;
import vn.motcua.agent.counter.SignIns;
import vn.motcua.agent.counter.TryLater;
import vn.motcua.agent.display.HallDisplay;
import vn.motcua.agent.queue.TicketQuery;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.ticketpage.TicketPage;
import vn.motcua.agent.voice.VoicePack;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.ErrorBody;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.protocol.message.SiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's face on the desk's LAN: the counter console, the hall display and the ticket status page.
 *
 * <p>A JDK {@link HttpServer} on its own address and port rather than a second Micronaut listener: Micronaut routes
 * every controller on every listener, and the 127.0.0.1 API (tickets, ratings, status) must never be reachable from
 * the LAN. Here only the routes below exist, whatever controllers are added to the local API later.
 */
@Context
public class LanServer {
    private static final Logger LOG = LoggerFactory.getLogger(LanServer.class);
    public static final String TOKEN_HEADER = "X-Counter-Token";
    private static final int MAX_BODY = 16 * 1024;
    private static final int BACKLOG = 64;
    /**
     * Scripts and styles come only from this server's own files (no inline code, so a name that slips into markup
     * still cannot run), nothing may frame the pages, and no plug-ins or base-URL tricks.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";
    private static final String HTML = "text/html; charset=utf-8";
    /** The voice pack's clips: {@code /man-hinh/voice/<clip>.wav}, clip names from the fixed list only. */
    private static final String VOICE = "/man-hinh/voice/";
    /** The only files served; the pages load their script and style from here. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("/lan/console.html", HTML),
            "/quay", new Asset("/lan/console.html", HTML),
            "/man-hinh", new Asset("/lan/display.html", HTML),
            "/lan/console.js", new Asset("/lan/console.js", "text/javascript; charset=utf-8"),
            "/lan/console.css", new Asset("/lan/console.css", "text/css; charset=utf-8"),
            "/lan/display.js", new Asset("/lan/display.js", "text/javascript; charset=utf-8"),
            "/lan/display.css", new Asset("/lan/display.css", "text/css; charset=utf-8"),
            "/lan/ticket.css", new Asset("/lan/ticket.css", "text/css; charset=utf-8"));

    private record Asset(String resource, String type) {
    }

    private final CounterSettings settings;
    private final SignIns signIns;
    private final CounterService counters;
    private final OwnFigures ownFigures;
    private final TicketQuery tickets;
    private final TicketPage ticketPage;
    private final HallDisplay display;
    private final SiteConfigStore site;
    private final VoicePack voice;
    private final ObjectMapper mapper;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    public LanServer(CounterSettings settings, LanSettings lan, LanAddress address, SignIns signIns,
                     CounterService counters, TicketQuery tickets, TicketPage ticketPage, HallDisplay display,
                     SiteConfigStore site, VoicePack voice, ObjectMapper mapper, OwnFigures ownFigures) {
        this.voice = voice;
        this.ownFigures = ownFigures;
        this.settings = settings;
        this.signIns = signIns;
        this.counters = counters;
        this.tickets = tickets;
        this.ticketPage = ticketPage;
        this.display = display;
        this.site = site;
        this.mapper = mapper;
        if (!settings.enabled()) {
            server = null;
            executor = null;
            baseUrl = address.baseUrl();
            LOG.info("LAN server disabled (agent.counter.enabled=false)");
            return;
        }
        // Both are read once, when the JDK server classes load, hence set before the first create. With Nagle on,
        // each reply waits ~40 ms for the client's delayed ACK; without a request time limit, a client that sends
        // its headers byte by byte holds a thread for as long as it likes.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(lan.requestTimeout().toSeconds()));
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
        } catch (IOException e) {
            // Citizens must still get tickets: the kiosk runs on without its LAN pages, and says so.
            LOG.error("agent.counter.port {} on {}: cannot listen ({}) — the counter console, hall display and ticket "
                    + "pages are unavailable; set agent.counter.port (AGENT_LAN_PORT) to a free port", settings.port(),
                    settings.host(), e.getMessage());
            created = null;
        }
        server = created;
        if (server == null) {
            executor = null;
            baseUrl = address.baseUrl();
            return;
        }
        // Short requests only (display streams hold no thread). When every thread is busy and the queue is full the
        // JDK server closes the new connection: never CallerRuns, which would run a request on the one dispatcher
        // thread and stop the whole server.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(lan.workerThreads(), lan.workerThreads(), 60, TimeUnit.SECONDS,
                lan.requestQueue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(lan.requestQueue()),
                new ThreadFactory() {
                    private final AtomicInteger n = new AtomicInteger();

                    @Override
                    public Thread newThread(Runnable r) {
                        Thread t = new Thread(r, "lan-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
        int port = server.getAddress().getPort();
        address.listeningOn(port);
        baseUrl = address.baseUrl();
        LOG.info("LAN server on {}:{}{} — counter console {}/quay, hall display {}/man-hinh", settings.host(), port,
                settings.listensOnEveryInterface() ? " (every interface; set agent.counter.host, AGENT_LAN_HOST, to "
                        + "the kiosk's LAN address to serve only the desk's network)" : "", baseUrl, baseUrl);
    }

    /** Where this server is reached on the LAN (as {@link LanAddress} says). */
    public String baseUrl() {
        return baseUrl;
    }

    /** False when the LAN port could not be opened (see the start-up log). */
    public boolean listening() {
        return server != null;
    }

    public int port() {
        return server == null ? settings.port() : server.getAddress().getPort();
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        securityHeaders(ex);
        boolean handedOver = false;
        try {
            if (method.equals("GET")) {
                Asset asset = ASSETS.get(path);
                if (asset != null) {
                    asset(ex, asset);
                } else if (path.startsWith(VOICE)) {
                    voiceClip(ex, path.substring(VOICE.length()));
                } else if (path.equals("/man-hinh/events")) {
                    display.open(ex);
                    handedOver = true;
                } else if (path.equals("/quay/api/site")) {
                    json(ex, 200, siteSummary());
                } else if (path.equals("/quay/api/state")) {
                    json(ex, 200, state(signIns.require(token(ex))));
                } else if (path.equals("/quay/api/today")) {
                    json(ex, 200, ownFigures.of(signIns.require(token(ex))));
                } else if (path.startsWith("/t/")) {
                    ticket(ex, path.substring(3));
                } else {
                    json(ex, 404, new ErrorBody("not_found", null, "no page " + path));
                }
            } else if (method.equals("POST") && path.startsWith("/quay/api/")) {
                requireJson(ex);
                post(ex, path.substring("/quay/api/".length()));
            } else {
                json(ex, 405, new ErrorBody("method_not_allowed", null, method + " " + path + " is not served"));
            }
        } catch (TryLater e) {
            ex.getResponseHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds()));
            json(ex, e.status().getCode(), e.body());
        } catch (ApiException e) {
            json(ex, e.status().getCode(), e.body());
        } catch (RuntimeException e) {
            LOG.error("LAN {} {} failed", method, path, e);
            json(ex, 500, new ErrorBody("internal_error", null, "Kiosk không xử lý được yêu cầu; đã ghi nhật ký."));
        } finally {
            if (!handedOver) {
                ex.close();
            }
        }
    }

    private static void securityHeaders(HttpExchange ex) {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
    }

    /**
     * The console sends JSON; refusing anything else means a page on another site cannot post here with a plain
     * form or a "simple" request (text/plain, form-encoded), which a browser would send without asking.
     */
    private static void requireJson(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content-Type",
                    "Chỉ nhận nội dung application/json" + (type == null ? "." : ", không nhận " + media + "."));
        }
    }

    private void post(HttpExchange ex, String action) throws IOException {
        if (action.equals("sign-in")) {
            JsonRequest r = JsonRequest.parse(mapper, body(ex));
            CounterSession s = signIns.signIn(r.requiredText("officerId", 64), r.requiredText("pin", 16),
                    r.requiredText("counter", 64), ex.getRemoteAddress().getAddress());
            json(ex, 200, state(s));
            return;
        }
        if (action.equals("sign-out")) {
            signIns.signOut(token(ex));
            json(ex, 200, Map.of("signedOut", true));
            return;
        }
        CounterSession s = signIns.require(token(ex));
        CallView result = switch (action) {
            case "call-next" -> counters.callNext(s);
            case "recall" -> counters.recall(s);
            case "no-show" -> counters.noShow(s);
            case "finish" -> counters.finish(s);
            case "transfer" -> counters.transfer(s, JsonRequest.parse(mapper, body(ex)).requiredText("service", 8));
            default -> throw new ApiException(HttpStatus.NOT_FOUND, "not_found", null, "no action " + action);
        };
        json(ex, 200, result);
    }

    private Map<String, Object> state(CounterSession s) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("token", s.token());
        state.put("officerId", s.officerId());
        state.put("officerName", s.officerName());
        state.put("counter", s.counter());
        state.put("counterName", s.counterName());
        state.put("services", counters.servicesOf(s.counter()));
        state.put("current", counters.current(s).orElse(null));
        return state;
    }

    private Map<String, Object> siteSummary() {
        SiteConfig c = site.current();
        return Map.of("siteName", c.siteName(),
                "counters", c.counters().stream().map(k -> Map.of("id", k.id(), "name", k.nameVi())).toList(),
                "officers", c.officers().stream().map(o -> Map.of("id", o.id(), "name", o.name())).toList(),
                "services", c.services().stream().map(v -> Map.of("prefix", v.prefix(), "name", v.nameVi())).toList());
    }

    private void ticket(HttpExchange ex, String rest) throws IOException {
        boolean asJson = rest.endsWith(".json");
        String id = asJson ? rest.substring(0, rest.length() - 5) : rest;
        if (asJson) {
            json(ex, 200, tickets.byId(id));
            return;
        }
        try {
            send(ex, 200, HTML, ticketPage.render(tickets.byId(id)).getBytes(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            send(ex, e.status().getCode(), HTML, ticketPage.notFound().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void voiceClip(HttpExchange ex, String file) throws IOException {
        String name = file.endsWith(".wav") ? file.substring(0, file.length() - 4) : "";
        var clip = voice.clip(name);
        if (clip.isEmpty()) {
            json(ex, 404, new ErrorBody("not_found", null, "no voice clip " + file));
            return;
        }
        send(ex, 200, "audio/wav", clip.get());
    }

    private static String token(HttpExchange ex) {
        return ex.getRequestHeaders().getFirst(TOKEN_HEADER);
    }

    private static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ApiException.invalid("body", "request body is larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void asset(HttpExchange ex, Asset asset) throws IOException {
        try (InputStream in = LanServer.class.getResourceAsStream(asset.resource())) {
            if (in == null) {
                throw new IllegalStateException("page " + asset.resource() + " is missing from the jar");
            }
            send(ex, 200, asset.type(), in.readAllBytes());
        }
    }

    private void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", mapper.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @PreDestroy
    void stop() {
        display.close();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            LOG.info("LAN server stopped");
        }
    }

}
