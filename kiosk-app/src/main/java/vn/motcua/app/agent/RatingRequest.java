package vn.motcua.app.agent;

import java.util.List;

/**
 * A rating as sent to {@code POST /api/ratings}. With a ticket, counter and officer stay null: the agent fills them
 * from whoever served that ticket.
 */
public record RatingRequest(String ticketId, String counter, String officerId, String procedureCode, String level,
                            int scale, List<String> reasons, String comment) {
    public RatingRequest {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
