package vn.motcua.central.report.satisfaction;

/**
 * One line of the 766 report: an officer, a counter or a procedure of a site (or the total), with its counts.
 *
 * @param served       tickets served; null where the queue does not know it (a ticket carries no procedure)
 * @param grade        the 766 ratio's grade code, null without a ratio
 */
public record SatisfactionLine(String site, String key, Long served, long rated, long satisfied, long dissatisfied,
                               String grade) {

    /** Ratings at a satisfied level, of all ratings; null without ratings. */
    public Double satisfiedShare() {
        return rated == 0 ? null : (double) satisfied / rated;
    }

    /** (served − rated dissatisfied) / served, as Decision 766 counts it; null when nothing was served. */
    public Double ratio766() {
        return served == null || served == 0 ? null : (double) (served - dissatisfied) / served;
    }

    /** The grade's message key; a dash's when there is no grade. */
    public String gradeKey() {
        return "s766.grade." + (grade == null ? "none" : grade);
    }
}
