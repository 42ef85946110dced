package vn.motcua.app.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.motcua.screen.AgentStatus;
import vn.motcua.screen.GuideRequest;
import vn.motcua.screen.RatingRequest;
import vn.motcua.screen.RatingView;
import vn.motcua.screen.Site;
import vn.motcua.screen.SpeechRequest;
import vn.motcua.screen.TicketRequest;
import vn.motcua.screen.TicketStatus;
import vn.motcua.screen.TicketView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The agent's local API. Every call is asynchronous and completes on an HTTP thread, never the FX thread; failures
 * complete exceptionally with an {@link AgentException}. Each answer, or its absence, is reported to
 * {@code reachability} so the screen can show or clear its "busy" state.
 */
public final class AgentClient {
    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Consumer<Boolean> reachability;

    public AgentClient(URI base, Duration connectTimeout, Duration requestTimeout, Executor executor,
                       Consumer<Boolean> reachability) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.reachability = reachability;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public URI base() {
        return base;
    }

    public ObjectMapper json() {
        return json;
    }

    public HttpClient http() {
        return http;
    }

    public CompletableFuture<Site> site() {
        return get("/api/site", Site.class);
    }

    public CompletableFuture<AgentStatus> status() {
        return get("/api/status", AgentStatus.class);
    }

    /** The same key for a retry of the same tap: the agent then answers with the ticket it already issued. */
    public CompletableFuture<TicketView> issueTicket(String service, String priority, String idempotencyKey) {
        return post("/api/tickets", new TicketRequest(service, priority), idempotencyKey, TicketView.class);
    }

    public CompletableFuture<TicketStatus> ticket(String ticketId) {
        return get("/api/tickets/" + URLEncoder.encode(ticketId, StandardCharsets.UTF_8), TicketStatus.class);
    }

    public CompletableFuture<TicketStatus> ticketByNumber(String display) {
        return get("/api/tickets?number=" + URLEncoder.encode(display, StandardCharsets.UTF_8), TicketStatus.class);
    }

    public CompletableFuture<RatingView> rate(RatingRequest rating, String idempotencyKey) {
        return post("/api/ratings", rating, idempotencyKey, RatingView.class);
    }

    public CompletableFuture<JsonNode> printTest() {
        return post("/api/print/test", Map.of(), null, JsonNode.class);
    }

    /** Asks the agent to print a procedure's guide slip with its QR code. */
    public CompletableFuture<JsonNode> printGuide(Site.Procedure procedure) {
        return post("/api/print/guide", new GuideRequest(procedure.code(), procedure.nameVi(), procedure.portalUrl(),
                procedure.documents()), null, JsonNode.class);
    }

    /**
     * {@code POST /api/speech}: the WAV of one utterance of the audio guide. A failure here says nothing about the
     * agent's reachability (a kiosk without espeak-ng still serves citizens), so it is not reported as such.
     */
    public CompletableFuture<byte[]> speech(SpeechRequest request) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest r = HttpRequest.newBuilder(base.resolve("/api/speech")).timeout(requestTimeout)
                .header("Accept", "audio/wav").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new AgentException(response.statusCode() >= 500 ? AgentException.Kind.UNAVAILABLE
                        : AgentException.Kind.REJECTED, response.statusCode(), errorOf(response.body()),
                        "POST /api/speech: agent answered " + response.statusCode(), null);
            }
            return response.body();
        });
    }

    private <T> CompletableFuture<T> get(String path, Class<T> type) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build(), type);
    }

    private <T> CompletableFuture<T> post(String path, Object body, String idempotencyKey, Class<T> type) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build(), type);
    }

    private <T> CompletableFuture<T> send(HttpRequest request, Class<T> type) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                reachability.accept(false);
                throw new AgentException(AgentException.Kind.UNAVAILABLE, 0, null,
                        request.method() + " " + request.uri().getPath() + ": no answer from the agent", failure);
            }
            int code = response.statusCode();
            if (code >= 500) {
                reachability.accept(false);
                throw new AgentException(AgentException.Kind.UNAVAILABLE, code, errorOf(response.body()),
                        request.method() + " " + request.uri().getPath() + ": agent answered " + code, null);
            }
            reachability.accept(true);
            if (code >= 400) {
                throw new AgentException(AgentException.Kind.REJECTED, code, errorOf(response.body()),
                        request.method() + " " + request.uri().getPath() + ": agent answered " + code, null);
            }
            try {
                return json.readValue(response.body(), type);
            } catch (IOException e) {
                throw new AgentException(AgentException.Kind.UNAVAILABLE, code, null,
                        request.method() + " " + request.uri().getPath() + ": unreadable answer", e);
            }
        });
    }

    private String errorOf(byte[] body) {
        try {
            Map<String, Object> m = json.readValue(body, new TypeReference<Map<String, Object>>() {
            });
            Object e = m.get("error");
            return e == null ? null : e.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
