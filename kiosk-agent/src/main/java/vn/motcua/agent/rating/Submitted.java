package vn.motcua.agent.rating;

import vn.motcua.screen.RatingView;


/** A rating and whether this request created it ({@code false}: an earlier request with the same key did). */
public record Submitted(RatingView rating, boolean created) {
}
