package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A stored rating ({@code POST /api/ratings}): the fields of {@code rating.submitted} plus when it was submitted. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RatingView(String ratingId, String ticketId, String counter, String officerId, String procedureCode,
                         String level, int scale, List<String> reasons, String comment, String submittedAt) {
}
