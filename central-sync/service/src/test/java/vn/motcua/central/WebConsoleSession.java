package vn.motcua.central;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import vn.motcua.central.auth.AuthFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A signed-in user of the web console in a test: its session cookie and CSRF token. Also the properties of a central
 * for web tests: no broker of its own to reach, a fresh SQLite file, a signing key and a first admin.
 */
public record WebConsoleSession(String cookie, String csrf) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The properties every web test's central starts with; the caller adds its own. */
    public static Map<String, String> centralProperties(String name, String admin, String password) {
        Path dir;
        try {
            dir = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.server.port", "-1");
        p.putAll(TestLogins.embeddedBroker(dir, TestMqttClient.freePort()));
        p.put("central.db.url", "jdbc:sqlite:" + dir.resolve("central.db"));
        p.put("central.commands.signing-key-file", dir.resolve("keys/command-signing.key").toString());
        p.put("central.auth.admin-user", admin);
        p.put("central.auth.admin-password", password);
        p.put("central.auth.bcrypt-strength", "4");
        return p;
    }

    public static WebConsoleSession signIn(HttpClient http, String user, String password) {
        HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.POST("/login",
                Map.of("username", user, "password", password)).contentType(MediaType.APPLICATION_JSON_TYPE),
                String.class);
        String setCookie = r.getHeaders().get("Set-Cookie");
        if (setCookie == null) {
            throw new IllegalStateException("no session cookie for " + user + ": " + r.body());
        }
        try {
            return new WebConsoleSession(setCookie.substring(0, setCookie.indexOf(';')),
                    JSON.readTree(r.body()).get("csrf").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with this session's cookie and CSRF token. */
    public MutableHttpRequest<?> on(MutableHttpRequest<?> request) {
        return request.header("Cookie", cookie).header(AuthFilter.CSRF_HEADER, csrf);
    }
}
