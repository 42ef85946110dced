package vn.motcua.agent.support;

import org.awaitility.Awaitility;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A kiosk screen following the agent's {@code GET /api/stream}: every line it has read so far. */
public final class ScreenStream implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final InputStream body;

    /** Opens the stream and waits until the agent's first events (the configuration version) have arrived. */
    public ScreenStream(String agentUrl) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(agentUrl + "/api/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        body = response.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains("event: config"));
    }

    public List<String> lines() {
        return lines;
    }

    /** Whether an event of this name came with data containing {@code dataPart}. */
    public boolean heard(String event, String dataPart) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event: " + event) && lines.get(i + 1).contains(dataPart)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
