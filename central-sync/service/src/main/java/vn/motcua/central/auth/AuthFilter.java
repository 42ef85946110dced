package vn.motcua.central.auth;

import vn.motcua.central.web.Principal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every request but sign-in, health, static files and the citizens' ticket pages needs a session: pages without one are sent to the sign-in page,
 * API calls get 401. The read API scripts use also accepts the configured bearer token. A state-changing request must
 * carry its session's CSRF token in {@code X-CSRF-Token}; the session cookie is also SameSite=Strict.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuthFilter {
    public static final String SESSION_COOKIE = "central_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> TOKEN_READABLE = Set.of("/api/stats", "/api/kiosks", "/api/events",
            "/api/quarantine");

    /** The citizen's ticket page and its live stream: one segment after /t/, never a dot (no way up the tree). */
    private static final java.util.regex.Pattern PUBLIC_TICKET = java.util.regex.Pattern.compile(
            "/t/[^/.%]{1,100}(/live)?");

    private final AuthService auth;

    public AuthFilter(AuthService auth) {
        this.auth = auth;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (isPublic(path)) {
            return null;
        }
        boolean api = path.startsWith("/api/");
        Optional<Principal> principal = request.getCookies().findCookie(SESSION_COOKIE)
                .map(Cookie::getValue).flatMap(auth::session);
        if (principal.isEmpty()) {
            if (api && request.getMethod() == HttpMethod.GET && TOKEN_READABLE.contains(path)
                    && auth.apiTokenMatches(bearer(request))) {
                return null;
            }
            if (api) {
                return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(Map.of("error", "unauthorized", "message", "sign in first (POST /login)"));
            }
            return HttpResponse.seeOther(URI.create("/login"));
        }
        if (changesState(request.getMethod())) {
            String presented = request.getHeaders().get(CSRF_HEADER);
            if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                    principal.get().csrf().getBytes(StandardCharsets.UTF_8))) {
                return HttpResponse.status(HttpStatus.FORBIDDEN)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(Map.of("error", "csrf", "message", "missing or wrong " + CSRF_HEADER + " header"));
            }
        }
        request.setAttribute(Principal.ATTRIBUTE, principal.get());
        return null;
    }

    private static boolean isPublic(String path) {
        return path.equals("/login") || path.equals("/api/health") || path.startsWith("/static/")
                || PUBLIC_TICKET.matcher(path).matches()
                || path.equals("/favicon.ico");
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    private static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }

    /** The signed-in user; the filter guarantees one on every route it does not leave public. */
    public static Principal principal(HttpRequest<?> request) {
        return request.getAttribute(Principal.ATTRIBUTE, Principal.class)
                .orElseThrow(() -> new IllegalStateException("no principal on " + request.getPath()));
    }
}
