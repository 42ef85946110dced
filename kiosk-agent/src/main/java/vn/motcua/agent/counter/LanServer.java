package vn.motcua.agent.counter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.display.HallDisplay;
import vn.motcua.agent.queue.TicketQuery;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.ticketpage.TicketPage;
import vn.motcua.agent.web.ApiException;
import vn.motcua.agent.web.ErrorBody;
import vn.motcua.agent.web.JsonRequest;
import vn.motcua.protocol.message.SiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
    /** Hall displays hold one thread each (SSE); consoles and phones use short requests. */
    private static final int MAX_THREADS = 64;
    private static final int MAX_BODY = 16 * 1024;

    private final CounterSettings settings;
    private final SignIns signIns;
    private final CounterService counters;
    private final TicketQuery tickets;
    private final TicketPage ticketPage;
    private final HallDisplay display;
    private final SiteConfigStore site;
    private final ObjectMapper mapper;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    public LanServer(CounterSettings settings, SignIns signIns, CounterService counters, TicketQuery tickets,
                     TicketPage ticketPage, HallDisplay display, SiteConfigStore site, ObjectMapper mapper) {
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
            baseUrl = settings.publicUrl() != null ? settings.publicUrl() : "http://127.0.0.1:" + settings.port();
            LOG.info("LAN server disabled (agent.counter.enabled=false)");
            return;
        }
        // The JDK server writes headers and body separately; with Nagle on, each reply waits ~40 ms for the
        // client's delayed ACK. Read once when the server classes load, hence set before the first create.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
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
            baseUrl = settings.publicUrl() != null ? settings.publicUrl() : "http://" + lanHost() + ":" + settings.port();
            return;
        }
        executor = new ThreadPoolExecutor(2, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "lan-http");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
        int port = server.getAddress().getPort();
        baseUrl = settings.publicUrl() != null ? settings.publicUrl() : "http://" + lanHost() + ":" + port;
        LOG.info("LAN server on {}:{} — counter console {}/quay, hall display {}/man-hinh", settings.host(), port,
                baseUrl, baseUrl);
    }

    /** How phones and TVs on the LAN reach this server; ticket QR codes start with it. */
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

    private String lanHost() {
        if (!settings.host().equals("0.0.0.0") && !settings.host().equals("::")) {
            return settings.host();
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces: {}; set agent.counter.public-url", e.getMessage());
        }
        return "127.0.0.1";
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        try {
            if (method.equals("GET")) {
                switch (path) {
                    case "/", "/quay" -> resource(ex, "/lan/console.html");
                    case "/man-hinh" -> resource(ex, "/lan/display.html");
                    case "/man-hinh/events" -> display.stream(ex);
                    case "/quay/api/site" -> json(ex, 200, siteSummary());
                    case "/quay/api/state" -> json(ex, 200, state(signIns.require(token(ex))));
                    default -> {
                        if (path.startsWith("/t/")) {
                            ticket(ex, path.substring(3));
                        } else {
                            json(ex, 404, new ErrorBody("not_found", null, "no page " + path));
                        }
                    }
                }
            } else if (method.equals("POST") && path.startsWith("/quay/api/")) {
                post(ex, path.substring("/quay/api/".length()));
            } else {
                json(ex, 405, new ErrorBody("method_not_allowed", null, method + " " + path + " is not served"));
            }
        } catch (ApiException e) {
            json(ex, e.status().getCode(), e.body());
        } catch (RuntimeException e) {
            LOG.error("LAN {} {} failed", method, path, e);
            json(ex, 500, new ErrorBody("internal_error", null, "Kiosk không xử lý được yêu cầu; đã ghi nhật ký."));
        } finally {
            ex.close();
        }
    }

    private void post(HttpExchange ex, String action) throws IOException {
        if (action.equals("sign-in")) {
            JsonRequest r = JsonRequest.parse(mapper, body(ex));
            CounterSession s = signIns.signIn(r.requiredText("officerId", 64), r.requiredText("pin", 16),
                    r.requiredText("counter", 64));
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
            send(ex, 200, "text/html; charset=utf-8", ticketPage.render(tickets.byId(id)).getBytes(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            send(ex, e.status().getCode(), "text/html; charset=utf-8", ticketPage.notFound().getBytes(StandardCharsets.UTF_8));
        }
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

    private void resource(HttpExchange ex, String name) throws IOException {
        try (InputStream in = LanServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("page " + name + " is missing from the jar");
            }
            send(ex, 200, "text/html; charset=utf-8", in.readAllBytes());
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
