package vn.motcua.central.auth;

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
import vn.motcua.central.web.Html;
import vn.motcua.central.web.Lang;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Admins add users and change their role or password. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {
    private final AuthService auth;

    public UsersController(AuthService auth) {
        this.auth = auth;
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
        StringBuilder b = new StringBuilder("<h1>").append(Html.esc(lang.t("users"))).append("</h1>");
        b.append("<table class=\"grid\" id=\"users\"><thead><tr><th>").append(Html.esc(lang.t("username")))
                .append("</th><th>").append(Html.esc(lang.t("role"))).append("</th></tr></thead><tbody>");
        for (AuthService.UserView u : auth.users()) {
            b.append("<tr><td>").append(Html.esc(u.username())).append("</td><td>").append(Html.esc(u.role()))
                    .append("</td></tr>");
        }
        b.append("</tbody></table><section class=\"card\"><h2>").append(Html.esc(lang.t("addUser")))
                .append("</h2><form id=\"user-form\" class=\"inline\"><input name=\"username\" placeholder=\"")
                .append(Html.esc(lang.t("username"))).append("\" required><input name=\"password\" type=\"password\" ")
                .append("minlength=\"10\" placeholder=\"").append(Html.esc(lang.t("password")))
                .append("\" required><select name=\"role\">");
        for (Role r : Role.values()) {
            b.append("<option value=\"").append(r.wireName()).append("\">").append(r.wireName()).append("</option>");
        }
        b.append("</select><button type=\"submit\">").append(Html.esc(lang.t("save")))
                .append("</button></form><p class=\"msg\" id=\"user-msg\"></p></section>");
        return Html.ok(lang, Html.page(lang, who, lang.t("users"), "users", b.toString()));
    }
}
