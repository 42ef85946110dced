package vn.motcua.app.agent;

import vn.motcua.screen.StreamEvent;
import vn.motcua.screen.StreamEventType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows the agent's event stream ({@code GET /api/stream}, server-sent events) on its own thread, reconnecting
 * after {@code retryInterval} when it drops. Each event, read into its contract record, goes to {@code onEvent}; one
 * of an unknown name or with data the screen cannot read is skipped. The connection state goes to
 * {@code reachability}. Listeners are called on the stream thread.
 */
public final class AgentEvents implements AutoCloseable {
    private final AgentClient client;
    private final Duration retryInterval;
    private final Consumer<StreamEvent> onEvent;
    private final Consumer<Boolean> reachability;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;

    public AgentEvents(AgentClient client, Duration retryInterval, Consumer<StreamEvent> onEvent,
                       Consumer<Boolean> reachability) {
        this.client = client;
        this.retryInterval = retryInterval;
        this.onEvent = onEvent;
        this.reachability = reachability;
        this.thread = new Thread(this::run, "agent-events");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                HttpRequest request = HttpRequest.newBuilder(client.base().resolve("/api/stream"))
                        .header("Accept", "text/event-stream").GET().build();
                HttpResponse<InputStream> response = client.http().send(request,
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("event stream answered " + response.statusCode());
                }
                current = response.body();
                reachability.accept(true);
                read(response.body());
            } catch (IOException e) {
                // the agent is down or restarting: the screen shows it as busy until the stream is back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed) {
                return;
            }
            reachability.accept(false);
            try {
                Thread.sleep(retryInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void read(InputStream body) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        deliver(event, data.toString());
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).trim());
                }
            }
        }
    }

    private void deliver(String name, String data) {
        Optional<StreamEventType> type = StreamEventType.fromWire(name);
        if (type.isEmpty()) {
            return;
        }
        StreamEvent event;
        try {
            event = client.json().readValue(data, type.get().bodyType());
        } catch (IOException e) {
            // an event the screen cannot read changes nothing on it
            return;
        }
        onEvent.accept(event);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
