package vn.motcua.agent.rating;

import java.util.List;

/** A stored rating: the fields of {@code rating.submitted} plus when it was submitted. */
public record RatingView(String ratingId, String ticketId, String counter, String officerId, String procedureCode,
                         String level, int scale, List<String> reasons, String comment, String submittedAt) {
}
