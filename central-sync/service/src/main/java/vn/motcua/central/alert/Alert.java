package vn.motcua.central.alert;

import java.util.List;

/**
 * Times are epoch milliseconds; 0 for not yet. {@code subject}: what a queue alert is about (a service prefix or a
 * counter id), null for an alert about the kiosk itself. {@code detail} is in English words; {@code detailKey} and
 * {@code detailArgs} say the same in the reader's language ({@link AlertDetail}), null and empty for an alert raised
 * before they were kept.
 */
public record Alert(String id, String kioskId, String siteId, String kind, String detail, long raisedAt,
                    String acknowledgedBy, long acknowledgedAt, long clearedAt, String subject, String detailKey,
                    List<String> detailArgs) {
}
