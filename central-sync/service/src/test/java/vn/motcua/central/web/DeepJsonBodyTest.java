package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A JSON body nested 50,000 deep is a client error at every JSON input of central, never a 500. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepJsonBodyTest implements TestPropertyProvider {
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "correct horse battery";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return WebConsoleSession.centralProperties("central-deep-json-test", ADMIN, PASSWORD);
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            String body = e.getResponse().getBody(String.class).orElse("");
            assertFalse(body.contains("Exception") || body.contains("\tat "), body);
            return e.getStatus().getCode();
        }
    }

    @Test
    void givenFiftyThousandDeepBody_whenPostedToEveryJsonInput_thenBadRequest() {
        WebConsoleSession admin = WebConsoleSession.signIn(http, ADMIN, PASSWORD);
        for (String deep : List.of("[".repeat(50_000), "{\"a\":".repeat(40_000))) {
            assertEquals(400, status(HttpRequest.POST("/login", deep).contentType(MediaType.APPLICATION_JSON_TYPE)));
            for (String path : List.of("/api/kiosks/k1/commands", "/api/users", "/api/sites/s1/config")) {
                int status = status(admin.on(HttpRequest.POST(path, deep).contentType(MediaType.APPLICATION_JSON_TYPE)));
                assertEquals(400, status, path);
            }
        }
        WebConsoleSession.signIn(http, ADMIN, PASSWORD);
    }
}
