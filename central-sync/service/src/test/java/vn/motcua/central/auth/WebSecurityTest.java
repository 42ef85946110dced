package vn.motcua.central.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import vn.motcua.central.store.EventStore;
import vn.motcua.protocol.message.KioskStatus;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in, sessions, CSRF, roles and the API token against the running service (embedded broker, SQLite file).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSecurityTest implements TestPropertyProvider {
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final String TOKEN = "web-security-test-token";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventStore store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-web-security-test", ADMIN, ADMIN_PASSWORD);
        p.put("central.auth.api-token", TOKEN);
        p.put("central.auth.max-failures", "3");
        return p;
    }

    private WebConsoleSession signIn(String user, String password) {
        return WebConsoleSession.signIn(http, user, password);
    }

    private HttpStatus status(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private MutableHttpRequest<?> as(WebConsoleSession s, MutableHttpRequest<?> request) {
        return s.on(request);
    }

    @Test
    void givenNoSession_whenPagesAndApiRequested_thenSignInPageOr401() {
        for (String api : List.of("/api/fleet", "/api/alerts", "/api/kiosks/k1/commands", "/api/stats",
                "/api/kiosks", "/api/events", "/api/fleet/stream")) {
            assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET(api)), api);
        }
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.POST("/api/kiosks/k1/commands",
                "{\"type\":\"restart_app\"}")));
        for (String page : List.of("/fleet", "/alerts", "/admin/users", "/fleet/kiosks/k1", "/")) {
            HttpResponse<?> r = http.toBlocking().exchange(HttpRequest.GET(page).header("Accept", "text/html"),
                    String.class);
            // the client follows the redirect: what comes back is the sign-in page
            assertTrue(r.getBody(String.class).orElse("").contains("id=\"sign-in\""), page);
        }
        // health needs no session; it answers 503 until the ingest client has reached the embedded broker
        await("health without a session").atMost(Duration.ofSeconds(30))
                .until(() -> status(HttpRequest.GET("/api/health")) == HttpStatus.OK);
    }

    @Test
    void givenApiToken_whenReadApiRequested_thenOnlyThoseThreeAnswer() {
        for (String api : List.of("/api/stats", "/api/kiosks", "/api/events")) {
            assertEquals(HttpStatus.OK, status(HttpRequest.GET(api).bearerAuth(TOKEN)), api);
            assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET(api).bearerAuth(TOKEN + "x")), api);
        }
        assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.GET("/api/fleet").bearerAuth(TOKEN)));
    }

    @Test
    void givenSignedIn_whenSessionCookieSet_thenHttpOnlyAndSameSiteStrict() {
        HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.POST("/login",
                Map.of("username", ADMIN, "password", ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON_TYPE),
                String.class);
        String cookie = r.getHeaders().get("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        WebConsoleSession s = signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(HttpStatus.OK, status(as(s, HttpRequest.GET("/api/fleet"))));
    }

    @Test
    void givenStateChangingRequest_whenCsrfTokenMissingOrWrong_then403() {
        WebConsoleSession s = signIn(ADMIN, ADMIN_PASSWORD);
        String body = "{\"username\":\"csrf-victim\",\"password\":\"0123456789ab\",\"role\":\"admin\"}";
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/users", body).header("Cookie", s.cookie())));
        assertEquals(HttpStatus.FORBIDDEN, status(HttpRequest.POST("/api/users", body).header("Cookie", s.cookie())
                .header(AuthFilter.CSRF_HEADER, "forged")));
        assertEquals(HttpStatus.OK, status(as(s, HttpRequest.POST("/api/users", body))));
    }

    @Test
    void givenViewer_whenSendingCommandOrManagingUsers_thenForbidden() {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(HttpStatus.OK, status(as(admin, HttpRequest.POST("/api/users",
                "{\"username\":\"viewer1\",\"password\":\"viewer-password\",\"role\":\"viewer\"}"))));
        store.recordStatus("site-1", "kiosk-v", new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        WebConsoleSession viewer = signIn("viewer1", "viewer-password");
        assertEquals(HttpStatus.FORBIDDEN, status(as(viewer, HttpRequest.POST("/api/kiosks/kiosk-v/commands",
                "{\"type\":\"restart_app\",\"args\":{}}"))));
        assertEquals(HttpStatus.FORBIDDEN, status(as(viewer, HttpRequest.POST("/api/users",
                "{\"username\":\"x-user\",\"password\":\"0123456789ab\",\"role\":\"admin\"}"))));
        assertEquals(HttpStatus.OK, status(as(viewer, HttpRequest.GET("/api/fleet"))));
        assertEquals(HttpStatus.ACCEPTED, status(as(admin, HttpRequest.POST("/api/kiosks/kiosk-v/commands",
                "{\"type\":\"restart_app\",\"args\":{}}"))));
    }

    @Test
    void givenAViewerOrAnOperator_whenOpeningTheOfficersDay_thenForbiddenAndAReporterMay() {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        for (String role : List.of("viewer", "operator", "reporter")) {
            assertEquals(HttpStatus.OK, status(as(admin, HttpRequest.POST("/api/users", "{\"username\":\"day-"
                    + role + "\",\"password\":\"" + role + "-password\",\"role\":\"" + role + "\"}"))));
        }
        for (String role : List.of("viewer", "operator")) {
            WebConsoleSession s = signIn("day-" + role, role + "-password");
            for (String page : List.of("/reports/officers", "/reports/officers.csv", "/reports/officers.xlsx")) {
                assertEquals(HttpStatus.FORBIDDEN, status(as(s, HttpRequest.GET(page))), role + " " + page);
            }
        }
        WebConsoleSession reporter = signIn("day-reporter", "reporter-password");
        assertEquals(HttpStatus.OK, status(as(reporter, HttpRequest.GET("/reports/officers?kind=week"))));
        assertEquals(HttpStatus.OK, status(as(admin, HttpRequest.GET("/reports/officers.csv?kind=month"))));
    }

    @Test
    void givenRepeatedWrongPasswords_whenSigningIn_thenThrottledEvenWithTheRightOne() {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        assertEquals(HttpStatus.OK, status(as(admin, HttpRequest.POST("/api/users",
                "{\"username\":\"throttled1\",\"password\":\"the-right-one\",\"role\":\"viewer\"}"))));
        for (int i = 0; i < 3; i++) {
            assertEquals(HttpStatus.UNAUTHORIZED, status(HttpRequest.POST("/login",
                    Map.of("username", "throttled1", "password", "wrong-" + i))));
        }
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, status(HttpRequest.POST("/login",
                Map.of("username", "throttled1", "password", "the-right-one"))));
    }

    @Test
    void givenBadInput_whenUserOrCommandPosted_then400NamingTheField() {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(as(admin, HttpRequest.POST("/api/users",
                        "{\"username\":\"ok-name\",\"password\":\"short\",\"role\":\"viewer\"}")), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertEquals("password", e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter").asText());
        store.recordStatus("site-1", "kiosk-b", new KioskStatus(true, "1.0", "boot", OffsetDateTime.now()));
        e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(as(admin, HttpRequest.POST("/api/kiosks/kiosk-b/commands",
                        "{\"type\":\"format_disk\",\"args\":{}}")), String.class));
        assertEquals("type", e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter").asText());
        for (String minutes : List.of("0", "1441", "soon")) {
            e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(as(admin, HttpRequest.POST("/api/kiosks/kiosk-b/commands",
                            "{\"type\":\"show_notice\",\"args\":{\"text\":\"Nghỉ trưa\",\"minutes\":\"" + minutes
                                    + "\"}}")), String.class));
            assertEquals("args.minutes", e.getResponse().getBody(JsonNode.class).orElseThrow().get("parameter")
                    .asText(), minutes);
        }
        assertEquals(HttpStatus.ACCEPTED, status(as(admin, HttpRequest.POST("/api/kiosks/kiosk-b/commands",
                "{\"type\":\"show_notice\",\"args\":{\"text\":\"Nghỉ trưa\",\"minutes\":\"30\"}}"))));
        assertEquals(HttpStatus.ACCEPTED, status(as(admin, HttpRequest.POST("/api/kiosks/kiosk-b/commands",
                "{\"type\":\"clear_notice\",\"args\":{}}"))));
    }

    @Test
    void givenSqlInjectionInPathsAndFilters_whenRequested_thenHarmless() {
        WebConsoleSession admin = signIn(ADMIN, ADMIN_PASSWORD);
        for (String evil : List.of("x'%20OR%20'1'='1", "k1%27%3B%20DROP%20TABLE%20users%3B--")) {
            HttpStatus s = status(as(admin, HttpRequest.GET("/api/kiosks/" + evil + "/commands")));
            assertTrue(s == HttpStatus.BAD_REQUEST || s == HttpStatus.NOT_FOUND, evil + " → " + s);
            assertEquals(HttpStatus.OK, status(HttpRequest.GET("/api/events?kioskId=" + evil).bearerAuth(TOKEN)));
        }
        assertEquals(HttpStatus.BAD_REQUEST, status(as(admin, HttpRequest.POST("/api/alerts/1'%20OR%20'1'='1/ack",
                "{}"))));
        // the users table is still there and the admin can still sign in
        assertFalse(signIn(ADMIN, ADMIN_PASSWORD).csrf().isEmpty());
        assertEquals(HttpStatus.OK, status(as(admin, HttpRequest.GET("/admin/users"))));
    }
}
