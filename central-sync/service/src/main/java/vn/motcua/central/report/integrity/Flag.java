package vn.motcua.central.report.integrity;

import java.util.List;

/**
 * One flag on one officer or kiosk of a site: how many of its ratings the flag marks ({@code flagged}), the ratings
 * themselves when read from the events (empty when the flag was summed from kept monthly figures), how many ratings
 * the subject has in the period, and for the top-level share the figures of the test ({@code pValue},
 * {@code siteShare}; null for other kinds).
 */
public record Flag(String site, Subject subject, String id, FlagKind kind, List<Rated> ratings, long flagged,
                   long subjectRatings, Double siteShare, Double pValue) {
    /** A flag read from the events: it marks exactly the ratings listed. */
    public Flag(String site, Subject subject, String id, FlagKind kind, List<Rated> ratings, long subjectRatings,
                Double siteShare, Double pValue) {
        this(site, subject, id, kind, ratings, ratings.size(), subjectRatings, siteShare, pValue);
    }

    public String subjectCode() {
        return subject.code;
    }

    public String kindCode() {
        return kind.code;
    }
}
