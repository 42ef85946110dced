package vn.motcua.central.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The two languages of the pages: Vietnamese by default, English by {@code ?lang=en} or the {@code lang=en} cookie.
 * The texts are in the message bundles {@code messages_vi.properties} and {@code messages_en.properties}.
 */
public enum Lang {
    VI, EN;

    public static final String COOKIE = "lang";

    public static Lang of(HttpRequest<?> request) {
        String q = request.getParameters().get("lang");
        if (q != null) {
            return "en".equals(q) ? EN : VI;
        }
        try {
            return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter("en"::equals)
                    .map(v -> EN).orElse(VI);
        } catch (UnsupportedOperationException e) {
            return VI; // a request built in code, not received, has no cookies to read
        }
    }

    public String code() {
        return this == EN ? "en" : "vi";
    }

    /** The text of {@code key}; the key itself when it has none, which a page test notices. */
    public String t(String key) {
        ResourceBundle texts = texts();
        return texts.containsKey(key) ? texts.getString(key) : key;
    }

    /** A low rating's preset reasons ({@code long_wait, attitude}) in words; an unknown code stays as it came. */
    public String reasons(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String code : codes.split(",")) {
            String c = code.strip();
            if (c.isEmpty()) {
                continue;
            }
            String key = "reason." + c;
            out.append(out.length() == 0 ? "" : "; ").append(texts().containsKey(key) ? t(key) : c);
        }
        return out.toString();
    }

    /** This language's bundle; {@link ResourceBundle} caches it, and reads properties files as UTF-8. */
    private ResourceBundle texts() {
        return ResourceBundle.getBundle(BUNDLE, locale(), NO_FALLBACK);
    }

    /** The locale of this language, for numbers and the message bundle. */
    public Locale locale() {
        return this == EN ? Locale.ENGLISH : VIETNAMESE;
    }

    private static final String BUNDLE = "messages";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    /** Each language has its own complete file: never the JVM's default locale's, never a shared base file. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
}
