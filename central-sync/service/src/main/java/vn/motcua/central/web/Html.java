package vn.motcua.central.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import vn.motcua.central.auth.Principal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The page frame and escaping. Every value from a kiosk or a user goes through {@link #esc}. */
public final class Html {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZONE);

    private Html() {
    }

    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    public static String time(long epochMillis) {
        return epochMillis <= 0 ? "—" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A whole page: head, top bar with navigation, language switch and sign-out, then {@code body}. */
    public static String page(Lang lang, Principal user, String title, String active, String body) {
        StringBuilder s = new StringBuilder(4096 + body.length());
        s.append("<!DOCTYPE html><html lang=\"").append(lang.code()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" — ").append(esc(lang.t("app"))).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/app.css\">");
        if (user != null) {
            s.append("<meta name=\"csrf\" content=\"").append(esc(user.csrf())).append("\">");
        }
        s.append("<script src=\"/static/app.js\" defer></script></head><body>");
        s.append("<header class=\"top\"><span class=\"brand\">").append(esc(lang.t("app"))).append("</span>");
        if (user != null) {
            s.append("<nav>");
            nav(s, "/fleet", lang.t("fleet"), "fleet".equals(active));
            nav(s, "/alerts", lang.t("alerts"), "alerts".equals(active));
            if (user.role().canReport()) {
                nav(s, "/reports", lang.t("reports"), "reports".equals(active));
            }
            if (user.role().canAdminister()) {
                nav(s, "/admin/users", lang.t("users"), "users".equals(active));
                nav(s, "/admin/config", lang.t("config"), "config".equals(active));
            }
            s.append("</nav>");
        }
        s.append("<span class=\"right\">");
        s.append("<a class=\"lang\" href=\"?lang=").append(lang == Lang.VI ? "en\">English" : "vi\">Tiếng Việt")
                .append("</a>");
        if (user != null) {
            s.append("<span class=\"who\">").append(esc(user.username())).append(" (").append(esc(user.role().wireName()))
                    .append(")</span><button id=\"sign-out\" class=\"link\">").append(esc(lang.t("signOut")))
                    .append("</button>");
        }
        s.append("</span></header><main>").append(body).append("</main></body></html>");
        return s.toString();
    }

    private static void nav(StringBuilder s, String href, String text, boolean active) {
        s.append("<a href=\"").append(href).append("\"").append(active ? " class=\"active\"" : "").append(">")
                .append(esc(text)).append("</a>");
    }

    /** Sends HTML and remembers an explicit {@code ?lang=} choice in a cookie. */
    public static MutableHttpResponse<String> ok(Lang lang, String html) {
        return HttpResponse.ok(html).contentType(new MediaType("text/html; charset=utf-8"))
                .header("Set-Cookie", Lang.COOKIE + "=" + lang.code() + "; Path=/; Max-Age=31536000; SameSite=Lax")
                .header("Cache-Control", "no-store");
    }
}
