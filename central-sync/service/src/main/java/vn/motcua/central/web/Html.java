package vn.motcua.central.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the pages show times, and how a page is sent. The pages themselves are templates, see {@link Views}. */
public final class Html {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZONE);

    private Html() {
    }

    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    public static String time(long epochMillis) {
        return epochMillis <= 0 ? "—" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Sends HTML and remembers an explicit {@code ?lang=} choice in a cookie. */
    public static MutableHttpResponse<String> ok(Lang lang, String html) {
        return HttpResponse.ok(html).contentType(new MediaType("text/html; charset=utf-8"))
                .header("Set-Cookie", Lang.COOKIE + "=" + lang.code() + "; Path=/; Max-Age=31536000; SameSite=Lax")
                .header("Cache-Control", "no-store");
    }
}
