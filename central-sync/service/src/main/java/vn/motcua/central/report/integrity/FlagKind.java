package vn.motcua.central.report.integrity;

import java.util.Arrays;
import java.util.Optional;

/** What makes a rating, or an officer's or kiosk's ratings, doubtful. The code is the wire and message key. */
public enum FlagKind {
    /** More than N ratings within M seconds on one kiosk. */
    BURST("burst"),
    /** A rating for a ticket that was never called or served. */
    NEVER_SERVED("never_served"),
    /** A rating given long after its ticket was served. */
    RATED_LATE("rated_late"),
    /** Ratings without a ticket at a counter on a day, more than the citizens that counter served that day. */
    ANONYMOUS_OVER_SERVED("anonymous_over_served"),
    /** A share of the top level far above the rest of the site's (one-sided binomial test). */
    TOP_SHARE("top_share");

    public final String code;

    FlagKind(String code) {
        this.code = code;
    }

    public static Optional<FlagKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
