package vn.motcua.central.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import vn.motcua.central.auth.Principal;

/** An error shown as a page of the console, for a browser that asked for a page rather than the API. */
public final class ErrorPage {
    private ErrorPage() {
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
    public static HttpResponse<String> of(Lang lang, @Nullable Principal user, HttpStatus status,
                                          @Nullable String parameter, String message, String path) {
        return Html.ok(lang, body(lang, user, lang.t("err.badRequest"), parameter, message, path)).status(status);
    }

    /** The whole page of {@link #of}, as text. */
    public static String body(Lang lang, @Nullable Principal user, String title, @Nullable String parameter,
                              String message, String path) {
        StringBuilder b = new StringBuilder("<section class=\"card\"><h1>").append(Html.esc(title))
                .append("</h1><p class=\"error\" role=\"alert\" id=\"error-message\"");
        if (parameter != null) {
            b.append(" data-parameter=\"").append(Html.esc(parameter)).append("\">")
                    .append(Html.esc(lang.t("err.parameter"))).append(" <code>").append(Html.esc(parameter))
                    .append("</code>: ");
        } else {
            b.append(">");
        }
        b.append(Html.esc(message)).append("</p><p><a class=\"button\" href=\"").append(Html.esc(path)).append("\">")
                .append(Html.esc(lang.t("err.back"))).append("</a></p></section>");
        return Html.page(lang, user, title, "", b.toString());
    }
}
