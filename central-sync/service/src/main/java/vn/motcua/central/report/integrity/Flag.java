package vn.motcua.central.report.integrity;

import java.util.List;

/**
 * One flag on one officer or kiosk of a site: the ratings behind it, how many ratings the subject has in the period,
 * and for the top-level share the figures of the test ({@code pValue}, {@code siteShare}; null for other kinds).
 */
public record Flag(String site, Subject subject, String id, FlagKind kind, List<Rated> ratings, long subjectRatings,
                   Double siteShare, Double pValue) {
    public String subjectCode() {
        return subject.code;
    }

    public String kindCode() {
        return kind.code;
    }

    public long flagged() {
        return ratings.size();
    }
}
