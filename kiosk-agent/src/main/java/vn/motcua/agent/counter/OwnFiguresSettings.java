package vn.motcua.agent.counter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What an officer's own figures of today show of their ratings, so that no figure on the counter console tells the
 * level a citizen just chose. Keys under {@code agent.counter.own-figures}.
 * <ul>
 *   <li>Ratings count only up to the start of the current hour: the rating a citizen gives now shows in the
 *   officer's figures with all the others of this hour, never on its own a moment after it was given.</li>
 *   <li>The share satisfied shows only once {@code minRatings} ratings are counted: with one rating, a share would be
 *   that rating's level.</li>
 * </ul>
 *
 * @param minRatings ratings counted before the share satisfied is shown
 */
@ConfigurationProperties("agent.counter.own-figures")
public record OwnFiguresSettings(@Bindable(defaultValue = "5") int minRatings) {
    public OwnFiguresSettings {
        if (minRatings < 2 || minRatings > 1000) {
            throw new ConfigurationException("agent.counter.own-figures.min-ratings " + minRatings
                    + " must be 2-1000: a share of one rating is that rating's level");
        }
    }
}
