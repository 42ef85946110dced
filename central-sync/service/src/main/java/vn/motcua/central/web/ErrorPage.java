package vn.motcua.central.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import vn.motcua.central.web.Principal;

import java.util.Map;

/** An error shown as a page of the console, for a browser that asked for a page rather than the API. */
@Singleton
public class ErrorPage {
    private final Views views;

    public ErrorPage(Views views) {
        this.views = views;
    }

    /** What the error page shows: the message, the parameter it concerns (if any) and where "back" goes. */
    public record Model(@Nullable String parameter, String message, String back) {
    }

    /**
     * A browser's navigation: a GET outside {@code /api/} that names HTML among what it accepts (a script's
     * {@code *}{@code /*} gets JSON).
     */
    public static boolean wantsPage(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.GET && !request.getPath().startsWith("/api/")
                && request.accept().stream().anyMatch(t -> "text".equals(t.getType()) && "html".equals(t.getSubtype()));
    }

    /**
     * The page: what is wrong, with the parameter it concerns when there is one, and a link back to {@code path}
     * without its query. {@code message} is in {@code lang} already, or an English text from the API's checks.
     */
    public HttpResponse<String> of(Lang lang, @Nullable Principal user, HttpStatus status,
                                   @Nullable String parameter, String message, String path) {
        return Html.ok(lang, body(lang, user, lang.t("err.badRequest"), parameter, message, path)).status(status);
    }

    /** The whole page of {@link #of}, as text. */
    public String body(Lang lang, @Nullable Principal user, String title, @Nullable String parameter,
                       String message, String path) {
        return views.render("web/error.jte", Map.of("frame", new Frame(lang, user, title, ""),
                "page", new Model(parameter, message, path)));
    }
}
