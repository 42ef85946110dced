package vn.motcua.central.report.servicelevel;

/**
 * One line of the service-level report: a service at a counter of a site on a day (or the total, with nulls).
 *
 * @param targetMinutes the service's waiting-time target, null when the site sets none
 * @param called        tickets called (first calls; a recall is not counted again), no-shows included
 * @param served        tickets served there, a transfer's first part included
 * @param waited        first calls whose wait (issue to first call) is known: the divisor of the share
 * @param overTarget    of those, calls after a wait longer than the target; null without a target
 */
public record ServiceLevelLine(String site, String day, String service, String counter, Integer targetMinutes,
                               long called, long served, long noShows, long waited, Long overTarget) {

    /** The share of known waits longer than the target; null without a target or without a known wait. */
    public Double overShare() {
        return overTarget == null || waited == 0 ? null : (double) overTarget / waited;
    }

    /** Known waits within the target; null without a target. */
    public Long withinTarget() {
        return overTarget == null ? null : waited - overTarget;
    }
}
