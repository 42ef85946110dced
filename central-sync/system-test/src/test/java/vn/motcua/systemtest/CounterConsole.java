package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An officer at one counter of a kiosk, through the agent's LAN console API: signs in again whenever the agent has
 * forgotten the session (a restart signs everyone out).
 */
final class CounterConsole {
    static final String OFFICER = "cb-nguyen-van-a";
    static final String PIN = "1234";
    /** Counter 2 of the bundled demo site serves A and B. */
    static final String COUNTER = "2";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int lanPort;
    private String token;

    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200;
        }

        String error() {
            return body != null && body.hasNonNull("error") ? body.get("error").asText() : String.valueOf(status);
        }
    }

    CounterConsole(int lanPort) {
        this.lanPort = lanPort;
    }

    /** {@code call-next}, {@code finish} or {@code no-show}. */
    Answer act(String action) throws IOException, InterruptedException {
        if (token == null) {
            signIn();
        }
        Answer a = post(action, "{}");
        if (a.status() == 401) {
            signIn();
            a = post(action, "{}");
        }
        return a;
    }

    void signIn() throws IOException, InterruptedException {
        token = null;
        Answer a = post("sign-in", "{\"officerId\":\"" + OFFICER + "\",\"pin\":\"" + PIN + "\",\"counter\":\""
                + COUNTER + "\"}");
        if (!a.ok()) {
            throw new IllegalStateException("counter sign-in refused: " + a.status() + " " + a.body());
        }
        token = a.body().get("token").asText();
    }

    private Answer post(String action, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lanPort + "/quay/api/" + action))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-Counter-Token", token);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body() == null || r.body().isBlank() ? null : Http.JSON.readTree(r.body());
        return new Answer(r.statusCode(), body);
    }
}
