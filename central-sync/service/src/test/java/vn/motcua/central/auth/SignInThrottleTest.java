package vn.motcua.central.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.central.WebConsoleSession;
import vn.motcua.central.store.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in throttle and the sign-in input against the running service: parallel wrong passwords, oversized names
 * and bodies. The address limit is set high here, so only the user name's limit is at work.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final int MAX_FAILURES = 5;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database sql;

    @Inject
    EmbeddedServer server;

    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-sign-in-throttle-test", ADMIN,
                ADMIN_PASSWORD);
        p.put("central.auth.max-failures", String.valueOf(MAX_FAILURES));
        p.put("central.auth.max-address-failures", "100000");
        return p;
    }

    @BeforeAll
    void signInAdmin() {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
    }

    private void createUser(String name, String password) {
        http.toBlocking().exchange(admin.on(HttpRequest.POST("/api/users", Map.of("username", name,
                "password", password, "role", "viewer"))), String.class);
    }

    private record Answer(HttpStatus status, String body) {
    }

    private Answer post(MutableHttpRequest<?> request) {
        try {
            var r = http.toBlocking().exchange(request, String.class);
            return new Answer(r.getStatus(), r.getBody(String.class).orElse(""));
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private Answer signIn(String user, String password) {
        return post(HttpRequest.POST("/login", Map.of("username", user, "password", password))
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private List<String> subjects() {
        return sql.query("read subjects", c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT subject FROM sign_in_failures")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void givenTwentyFiveWrongPasswordsAtOnce_whenSigningIn_thenOnlyTheAllowedFiveAreChecked() throws Exception {
        createUser("racer", "the-right-password");
        int attempts = 25;
        CyclicBarrier start = new CyclicBarrier(attempts);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<HttpStatus>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return signIn("racer", "wrong-" + n).status();
                }));
            }
            int refused = 0;
            int throttled = 0;
            for (Future<HttpStatus> a : answers) {
                HttpStatus s = a.get(60, TimeUnit.SECONDS);
                if (s == HttpStatus.UNAUTHORIZED) {
                    refused++;
                } else if (s == HttpStatus.TOO_MANY_REQUESTS) {
                    throttled++;
                }
            }
            assertEquals(MAX_FAILURES, refused, "passwords checked");
            assertEquals(attempts - MAX_FAILURES, throttled, "attempts throttled without a check");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, signIn("racer", "the-right-password").status(),
                "the right password waits for the window too");
    }

    @Test
    void givenUserNameLongerThan64_whenSigningIn_then400NamingUserName_andNothingCounted() throws Exception {
        List<String> before = subjects();
        Answer json = signIn("a".repeat(65), "whatever-password");
        assertEquals(HttpStatus.BAD_REQUEST, json.status());
        JsonNode body = JSON.readTree(json.body());
        assertEquals("username", body.get("parameter").asText());
        assertTrue(body.get("message").asText().contains("64"), json.body());

        Answer form = post(HttpRequest.POST("/login", "username=" + "b".repeat(200) + "&password=x")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertEquals(HttpStatus.BAD_REQUEST, form.status());
        assertTrue(form.body().contains("Tên đăng nhập dài quá 64 ký tự."), form.body());
        assertTrue(form.body().contains("id=\"sign-in\""), "the sign-in form is shown again");
        assertEquals(before, subjects(), "a refused name is neither checked nor counted");
    }

    @Test
    void givenTwoMebibyteUserName_whenSigningIn_then413BeforeTheBodyIsRead() throws Exception {
        String huge = "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"password\":\"p\"}";
        Answer a = post(HttpRequest.POST("/login", huge).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertEquals(HttpStatus.REQUEST_ENTITY_TOO_LARGE, a.status());
        assertEquals("body", JSON.readTree(a.body()).get("parameter").asText());
        assertTrue(subjects().stream().allMatch(s -> s.length() <= 5 + 64), "every kept subject is short");
    }

    @Test
    void givenSignInWithoutContentLength_whenPosted_then411() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server.getURL() + "/login").openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(16);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write("{\"username\":\"admin\",\"password\":\"wrong-password\"}".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(411, c.getResponseCode());
        try (InputStream err = c.getErrorStream()) {
            assertTrue(new String(err.readAllBytes(), StandardCharsets.UTF_8).contains("Content-Length"));
        }
    }

    @Test
    void givenUnknownNames_whenSignInsFail_thenEachIsKeptAsAHashOfFixedSize() {
        List<String> names = List.of("nobody-here-1", "nobody-here-2", "ai-do@so-gd.vn");
        for (String name : names) {
            assertEquals(HttpStatus.UNAUTHORIZED, signIn(name, "wrong-password").status());
        }
        List<String> subjects = subjects();
        for (String name : names) {
            assertTrue(subjects.contains(AuthService.userSubject(name)), name);
            assertFalse(subjects.stream().anyMatch(s -> s.contains(name)), "the name is not kept in the clear");
        }
        assertTrue(subjects.stream().filter(s -> s.startsWith("user:"))
                .allMatch(s -> s.matches("user:[0-9a-f]{64}")), subjects.toString());
    }

    @Test
    void givenPasswordLongerThanBcryptReads_whenUserSaved_then400NamingPassword() throws Exception {
        Answer a = post(admin.on(HttpRequest.POST("/api/users", Map.of("username", "long-password",
                "password", "p".repeat(73), "role", "viewer"))));
        assertEquals(HttpStatus.BAD_REQUEST, a.status(), a.body());
        assertEquals("password", JSON.readTree(a.body()).get("parameter").asText());
        Answer ok = post(admin.on(HttpRequest.POST("/api/users", Map.of("username", "long-password",
                "password", "p".repeat(72), "role", "viewer"))));
        assertEquals(HttpStatus.OK, ok.status(), ok.body());
    }
}
