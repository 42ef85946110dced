package vn.motcua.central.store;

/** Filters for reading events; null means any. A kiosk id alone matches that id at every site. */
public record EventQuery(String siteId, String kioskId, String type, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
    }
}
