package vn.motcua.central.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every answer of central carries and what no answer may carry: security headers on pages, files and errors;
 * error bodies without class names, SQL or stack traces; and the address central listens on by default.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebHardeningTest implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    /** What gives away the inside: a Java class or package, a library, an exception, a stack frame, SQL. */
    private static final Pattern INTERNALS = Pattern.compile("vn\\.motcua|com\\.fasterxml|io\\.micronaut|java\\."
            + "|jackson|Exception|StreamReadFeature|\\bat [a-z]+\\.|SELECT|password_hash|\\$[A-Z]");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    private WebConsoleSession admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = WebConsoleSession.centralProperties("central-web-hardening-test", ADMIN,
                ADMIN_PASSWORD);
        p.put("spec.name", "WebHardeningTest");
        return p;
    }

    @BeforeAll
    void signIn() {
        admin = WebConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
    }

    private HttpResponse<?> answer(MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    private static String body(HttpResponse<?> r) {
        return r.getBody(String.class).orElse("");
    }

    @Test
    void givenPagesFilesApiAndErrors_whenServed_thenEachCarriesTheSecurityHeaders() {
        List<MutableHttpRequest<?>> requests = List.of(HttpRequest.GET("/login"), HttpRequest.GET("/static/app.js"),
                HttpRequest.GET("/static/app.css"), admin.on(HttpRequest.GET("/fleet")),
                admin.on(HttpRequest.GET("/admin/config")), admin.on(HttpRequest.GET("/reports")),
                HttpRequest.GET("/api/health"), admin.on(HttpRequest.GET("/nowhere")),
                HttpRequest.POST("/login", "{").contentType(MediaType.APPLICATION_JSON_TYPE));
        for (MutableHttpRequest<?> request : requests) {
            HttpResponse<?> r = answer(request);
            String what = request.getMethod() + " " + request.getPath() + " → " + r.getStatus();
            assertEquals(HttpHardening.CONTENT_SECURITY_POLICY, r.getHeaders().get("Content-Security-Policy"), what);
            assertEquals("DENY", r.getHeaders().get("X-Frame-Options"), what);
            assertEquals("nosniff", r.getHeaders().get("X-Content-Type-Options"), what);
            assertEquals("same-origin", r.getHeaders().get("Referrer-Policy"), what);
        }
        String policy = HttpHardening.CONTENT_SECURITY_POLICY;
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    }

    @Test
    void givenConsolePages_whenRendered_thenNoInlineScriptOrStyleForThePolicyToBlock() {
        for (String page : List.of("/fleet", "/alerts", "/admin/users", "/admin/config", "/reports")) {
            String html = body(answer(admin.on(HttpRequest.GET(page))));
            assertTrue(html.contains("<script src=\"/static/app.js\""), page);
            assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), page + ": inline script");
            assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=|javascript:").matcher(html).find(),
                    page + ": inline style or handler");
        }
    }

    @Test
    void givenRequestsCentralCannotRead_whenAnswered_thenTheBodyNamesNoInternals() throws Exception {
        List<MutableHttpRequest<?>> requests = List.of(
                admin.on(HttpRequest.POST("/api/users", "{bad json").contentType(MediaType.APPLICATION_JSON_TYPE)),
                admin.on(HttpRequest.POST("/api/users", "[[[[").contentType(MediaType.APPLICATION_JSON_TYPE)),
                admin.on(HttpRequest.POST("/api/users", "x").contentType(MediaType.TEXT_PLAIN_TYPE)),
                admin.on(HttpRequest.POST("/api/sites/s1/config", "{bad").contentType(MediaType.APPLICATION_JSON_TYPE)),
                admin.on(HttpRequest.POST("/api/procedures/parse", new byte[]{'P', 'K', 3, 4, 1, 2, 3})
                        .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)),
                admin.on(HttpRequest.DELETE("/api/users")),
                admin.on(HttpRequest.GET("/api/nowhere")),
                admin.on(HttpRequest.GET("/api/test/failure")),
                HttpRequest.POST("/login", "{\"username\":").contentType(MediaType.APPLICATION_JSON_TYPE));
        for (MutableHttpRequest<?> request : requests) {
            HttpResponse<?> r = answer(request);
            String what = request.getMethod() + " " + request.getPath() + " → " + r.getStatus() + ": " + body(r);
            assertTrue(r.getStatus().getCode() >= 400, what);
            assertFalse(INTERNALS.matcher(body(r)).find(), what);
            JsonNode json = JSON.readTree(body(r));
            assertFalse(json.path("message").asText().isBlank(), what);
        }
        HttpResponse<?> failure = answer(admin.on(HttpRequest.GET("/api/test/failure")));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, failure.getStatus());
        assertEquals("internal_server_error", JSON.readTree(body(failure)).get("error").asText());
        HttpResponse<?> bodyUnread = answer(admin.on(HttpRequest.POST("/api/users", "{bad json")
                .contentType(MediaType.APPLICATION_JSON_TYPE)));
        assertEquals(HttpStatus.BAD_REQUEST, bodyUnread.getStatus());
        assertEquals("body", JSON.readTree(body(bodyUnread)).get("parameter").asText(), body(bodyUnread));
    }

    @Test
    void givenAPageThatFails_whenOpenedInABrowser_thenAnErrorPageInItsLanguageWithoutDetails() {
        HttpResponse<?> r = answer(admin.on(HttpRequest.GET("/test/failure")).header("Accept", "text/html"));
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, r.getStatus());
        String page = body(r);
        assertTrue(page.contains("Máy chủ gặp lỗi khi xử lý yêu cầu; chi tiết đã được ghi vào nhật ký."), page);
        assertFalse(page.contains(FailingController.SECRET) || INTERNALS.matcher(page).find(), page);
        HttpResponse<?> missing = answer(admin.on(HttpRequest.GET("/khong-co?lang=en")).header("Accept", "text/html"));
        assertEquals(HttpStatus.NOT_FOUND, missing.getStatus());
        assertTrue(body(missing).contains("There is nothing here."), body(missing));
    }

    @Test
    void givenNoHostSetting_whenStarted_thenListensOnLoopbackOnly() throws IOException {
        assertEquals("127.0.0.1", server.getHost());
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    try (Socket s = new Socket()) {
                        assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(address,
                                server.getPort()), 2000), "not reachable on " + address);
                    }
                }
            }
        }
    }
}
