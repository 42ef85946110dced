package vn.motcua.central.fleet;

import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.Topics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the fleet page shows: one page of the kiosks that match a site, a state and a part of the kiosk id, kiosks with
 * problems first unless sorted by id. Built from the request's parameters; a bad one is a 400 that names it.
 *
 * @param site   a site id, or null for every site
 * @param state  null, or {@link #ONLINE}, {@link #OFFLINE}, {@link #ALERTING}
 * @param search a part of the kiosk id, matched ignoring case; null for any
 * @param sort   {@link #BY_PROBLEMS} (the default) or {@link #BY_KIOSK}
 * @param page   from 1
 */
public record FleetQuery(String site, String state, String search, String sort, int page) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final String ALERTING = "alerting";
    public static final String BY_PROBLEMS = "problems";
    public static final String BY_KIOSK = "kiosk";
    private static final Pattern SEARCH = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_PAGE = 1_000_000;

    public static FleetQuery defaults() {
        return new FleetQuery(null, null, null, BY_PROBLEMS, 1);
    }

    public static FleetQuery parse(String site, String state, String search, String sort, String page) {
        String s = blankToNull(site);
        if (s != null && !Topics.isValidId(s)) {
            throw new BadParameterException("site", "must be a site id: 1-64 of A-Z a-z 0-9 _ -");
        }
        String st = blankToNull(state);
        if (st != null) {
            st = st.toLowerCase(Locale.ROOT);
            if (!st.equals(ONLINE) && !st.equals(OFFLINE) && !st.equals(ALERTING)) {
                throw new BadParameterException("state", "must be online, offline or alerting");
            }
        }
        String q = blankToNull(search);
        if (q != null && !SEARCH.matcher(q).matches()) {
            throw new BadParameterException("q", "a kiosk id or part of one: 1-64 of A-Z a-z 0-9 _ -");
        }
        String so = blankToNull(sort);
        if (so != null && !so.equals(BY_PROBLEMS) && !so.equals(BY_KIOSK)) {
            throw new BadParameterException("sort", "must be problems or kiosk");
        }
        int p = 1;
        String pg = blankToNull(page);
        if (pg != null) {
            try {
                p = Integer.parseInt(pg);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > MAX_PAGE) {
                throw new BadParameterException("page", "must be a whole number from 1, was '" + pg + "'");
            }
        }
        return new FleetQuery(s, st, q == null ? null : q.toLowerCase(Locale.ROOT), so == null ? BY_PROBLEMS : so, p);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    public FleetQuery withPage(int p) {
        return new FleetQuery(site, state, search, sort, p);
    }

    public FleetQuery withState(String s) {
        return new FleetQuery(site, s, search, sort, 1);
    }

    /** The query string of this query, with only what differs from the defaults. */
    public String toQueryString() {
        StringBuilder b = new StringBuilder();
        add(b, "site", site);
        add(b, "state", state);
        add(b, "q", search);
        add(b, "sort", BY_PROBLEMS.equals(sort) ? null : sort);
        add(b, "page", page == 1 ? null : String.valueOf(page));
        return b.length() == 0 ? "" : "?" + b;
    }

    private static void add(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(b.length() == 0 ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
