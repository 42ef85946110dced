package vn.motcua.central.report;

import io.micronaut.http.HttpRequest;
import vn.motcua.central.auth.AuthFilter;
import vn.motcua.central.web.Forbidden;
import vn.motcua.central.web.Principal;

/** Who may read the reports (reporters and admins; anyone else signed in gets 403), and which site they asked for. */
public final class ReportAccess {
    private static final int MAX_SITE_CHARS = 64;
    private ReportAccess() {
    }

    public static Principal reporter(HttpRequest<?> request) {
        Principal who = AuthFilter.principal(request);
        if (!who.role().canReport()) {
            throw new Forbidden("role " + who.role().wireName() + " may not read reports");
        }
        return who;
    }

    /** The {@code site} parameter, trimmed and cut to a site id's length; "" for all sites. */
    static String site(HttpRequest<?> request) {
        String site = request.getParameters().get("site");
        site = site == null ? "" : site.trim();
        return site.length() > MAX_SITE_CHARS ? site.substring(0, MAX_SITE_CHARS) : site;
    }
}
