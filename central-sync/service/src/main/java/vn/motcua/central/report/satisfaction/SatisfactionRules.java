package vn.motcua.central.report.satisfaction;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * How a site's ratings are scored after Decision 766/QĐ-TTg: which levels count as satisfied, which as dissatisfied,
 * and the grade bands of the 766 ratio.
 *
 * <p>Defaults: satisfied is very satisfied and satisfied (on the three-level scale, which has no neutral, the same
 * two levels are its two upper ones); dissatisfied is the levels below neutral. Bands: from 95 % good ("Tốt"),
 * from 80 % fair ("Khá"), from 50 % average ("Trung bình"), below that poor ("Kém").
 *
 * @param bands from the highest threshold down; a ratio under every threshold is {@link #BELOW_BANDS}
 */
public record SatisfactionRules(Set<String> satisfied, Set<String> dissatisfied, List<Band> bands) {
    public static final String BELOW_BANDS = "poor";
    public static final SatisfactionRules DEFAULT = new SatisfactionRules(Set.of("very_satisfied", "satisfied"),
            Set.of("dissatisfied", "very_dissatisfied"),
            List.of(new Band(95, "good"), new Band(80, "fair"), new Band(50, "average")));

    /** A grade from {@code minPercent} (inclusive) of the 766 ratio; {@code grade} names its message. */
    public record Band(double minPercent, String grade) {
    }

    public SatisfactionRules {
        satisfied = Set.copyOf(satisfied);
        dissatisfied = Set.copyOf(dissatisfied);
        bands = bands.stream().sorted(Comparator.comparingDouble(Band::minPercent).reversed()).toList();
    }

    /** The grade of a 766 ratio 0..1; null when there is no ratio (nothing served). */
    public String grade(Double ratio) {
        if (ratio == null) {
            return null;
        }
        // compare in whole hundredths of a percent, so 95 % computed as 0.94999... still grades at 95
        double percent = Math.round(ratio * 10_000) / 100.0;
        for (Band b : bands) {
            if (percent >= b.minPercent()) {
                return b.grade();
            }
        }
        return BELOW_BANDS;
    }
}
