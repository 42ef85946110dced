package vn.motcua.protocol.event;

import java.util.List;

/**
 * A citizen's satisfaction rating. Carries no personal data. {@code ticketId}, {@code counter}, {@code officerId},
 * {@code procedureCode} and {@code comment} may be null; {@code reasons} are preset reason codes.
 */
public record RatingSubmitted(String ratingId, String ticketId, String counter, String officerId,
                              String procedureCode, RatingLevel level, int scale, List<String> reasons,
                              String comment) implements EventBody {
    public static final int MAX_COMMENT_LENGTH = 500;
    public static final int MAX_REASONS = 10;

    public RatingSubmitted {
        reasons = List.copyOf(reasons);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ratingSubmitted(this);
    }
}
