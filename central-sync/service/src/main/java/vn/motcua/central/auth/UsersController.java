package vn.motcua.central.auth;

import vn.motcua.central.web.Principal;
import vn.motcua.central.web.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import vn.motcua.central.api.BadParameterException;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Frame;
import vn.motcua.central.web.Lang;
import vn.motcua.central.web.Views;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Admins add users and change their role or password. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {
    private final AuthService auth;
    private final Views views;

    public UsersController(AuthService auth, Views views) {
        this.auth = auth;
        this.views = views;
    }

    public record UserRequest(String username, String password, String role) {
    }

    @Post("/api/users")
    public HttpResponse<?> save(HttpRequest<?> request, @Body UserRequest body) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canAdminister()) {
            throw new Forbidden("only an admin may manage users");
        }
        if (!AuthService.validUsername(body.username())) {
            throw new BadParameterException("username", "must be 3-64 of A-Z a-z 0-9 . _ @ -");
        }
        if (body.password() == null || body.password().length() < AuthConfig.PASSWORD_MIN
                || body.password().getBytes(StandardCharsets.UTF_8).length > AuthService.PASSWORD_MAX_BYTES) {
            throw new BadParameterException("password", "must be at least " + AuthConfig.PASSWORD_MIN
                    + " characters and at most " + AuthService.PASSWORD_MAX_BYTES + " bytes in UTF-8 ("
                    + AuthService.PASSWORD_MAX_BYTES + " letters without diacritics)");
        }
        Role role = Role.parse(body.role());
        if (role == null) {
            throw new BadParameterException("role", "must be one of viewer, operator, reporter, admin");
        }
        auth.saveUser(body.username(), body.password(), role);
        return HttpResponse.ok(Map.of("username", body.username(), "role", role.wireName()));
    }

    @Get(value = "/admin/users", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(HttpRequest<?> request) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canAdminister()) {
            throw new Forbidden("only an admin may manage users");
        }
        Lang lang = Lang.of(request);
        return views.page("auth/users.jte", new Frame(lang, who, lang.t("users"), "users"), auth.users());
    }
}
