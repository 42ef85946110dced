package vn.motcua.central.alert;

/** Times are epoch milliseconds; 0 for not yet. */
public record Alert(String id, String kioskId, String siteId, String kind, String detail, long raisedAt,
                    String acknowledgedBy, long acknowledgedAt, long clearedAt) {
}
