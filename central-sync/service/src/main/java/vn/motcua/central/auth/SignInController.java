package vn.motcua.central.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.net.URI;
import java.util.Map;

/** The sign-in page and form, and sign-out. A form post is answered with a redirect, a JSON post with JSON. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignInController {
    /** bcrypt reads 72 bytes; anything much longer is not a password anybody typed. */
    static final int PASSWORD_INPUT_MAX = 1024;
    /** A sign-in form or JSON body is a name and a password: this is ample, and all a sign-in may send. */
    public static final int BODY_MAX_BYTES = 8 * 1024;
    private final AuthService auth;
    private final AuthConfig config;
    private final Views views;

    public SignInController(AuthService auth, AuthConfig config, Views views) {
        this.auth = auth;
        this.config = config;
        this.views = views;
    }

    @Get("/")
    public HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create("/fleet"));
    }

    @Get(value = "/login", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> form(HttpRequest<?> request) {
        return page(Lang.of(request), null, "");
    }

    @Post(value = "/login", produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON}, consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public HttpResponse<?> signIn(HttpRequest<?> request, @Body Map<String, String> body) {
        Lang lang = Lang.of(request);
        boolean json = request.getContentType().map(MediaType.APPLICATION_JSON_TYPE::matches).orElse(false);
        String username = body.get("username");
        String password = body.get("password");
        // refused before anything is looked up or counted: a throttle row never holds more than a bounded name
        String tooLong = username != null && username.length() > AuthService.USERNAME_MAX ? "username"
                : password != null && password.length() > PASSWORD_INPUT_MAX ? "password" : null;
        if (tooLong != null) {
            String message = String.format(lang.t(tooLong + "TooLong"),
                    tooLong.equals("username") ? AuthService.USERNAME_MAX : PASSWORD_INPUT_MAX);
            if (json) {
                throw new BadParameterException(tooLong, message);
            }
            return page(lang, null, message).status(HttpStatus.BAD_REQUEST);
        }
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        AuthService.SignIn result = auth.signIn(username == null ? null : username.trim(), password, address);
        if (result instanceof AuthService.SignIn.Ok ok) {
            MutableHttpResponse<?> response = json
                    ? HttpResponse.ok(Map.of("username", ok.principal().username(),
                    "role", ok.principal().role().wireName(), "csrf", ok.session().csrf()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    : HttpResponse.seeOther(URI.create("/fleet"));
            return response.header("Set-Cookie", sessionCookie(ok.session().token(),
                    config.sessionTtl().toSeconds()));
        }
        HttpStatus status;
        String message;
        if (result instanceof AuthService.SignIn.Throttled t) {
            status = HttpStatus.TOO_MANY_REQUESTS;
            message = String.format(lang.t("throttled"), t.retryAfterSeconds());
        } else {
            status = HttpStatus.UNAUTHORIZED;
            message = lang.t("badCredentials");
        }
        if (json) {
            return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Map.of("error", status == HttpStatus.UNAUTHORIZED ? "bad_credentials" : "throttled",
                            "message", message));
        }
        return page(lang, username, message).status(status);
    }

    @Post("/logout")
    public HttpResponse<?> signOut(HttpRequest<?> request) {
        auth.signOut(request.getCookies().findCookie(AuthFilter.SESSION_COOKIE).map(Cookie::getValue).orElse(null));
        return HttpResponse.ok(Map.of("signedOut", true)).contentType(MediaType.APPLICATION_JSON_TYPE).header("Set-Cookie", sessionCookie("", 0));
    }

    private String sessionCookie(String value, long maxAgeSeconds) {
        return AuthFilter.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (config.cookieSecure() ? "; Secure" : "");
    }

    /** What the sign-in page shows: the name typed so far and why the last try failed ({@code ""} for none). */
    public record Form(String username, String error, int usernameMax) {
    }

    private MutableHttpResponse<String> page(Lang lang, @Nullable String username, String error) {
        return views.page("auth/signIn.jte", new Frame(lang, null, lang.t("signIn"), ""),
                new Form(username == null ? "" : username, error, AuthService.USERNAME_MAX));
    }
}
