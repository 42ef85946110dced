package vn.motcua.screen;

import java.util.List;

/**
 * A rating as sent to {@code POST /api/ratings}, with an {@code Idempotency-Key} header. {@code level} is one of
 * very_satisfied, satisfied, neutral, dissatisfied, very_dissatisfied; {@code scale} is 5 or 3. With a ticket,
 * counter and officer stay null: the agent fills them from whoever served that ticket.
 */
public record RatingRequest(String ticketId, String counter, String officerId, String procedureCode, String level,
                            int scale, List<String> reasons, String comment) {
    public RatingRequest {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
