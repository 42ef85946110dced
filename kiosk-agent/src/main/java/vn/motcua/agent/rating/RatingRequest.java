package vn.motcua.agent.rating;

import vn.motcua.protocol.event.RatingLevel;

import java.util.List;

/** A validated rating from the screen; everything but {@code level} and {@code scale} may be null or empty. */
public record RatingRequest(String ticketId, String counter, String officerId, String procedureCode,
                            RatingLevel level, int scale, List<String> reasons, String comment) {
}
