package vn.motcua.central.report.officer;

/**
 * One officer's figures over a period at one site. Times are in seconds, null when there is nothing to measure;
 * {@code signedInSeconds} adds up the officer's signed-in intervals (null when no day of the period has a sign-in
 * event), {@code atCounterSeconds} runs, each day, from the officer's first call to the end of their last ticket, and
 * {@code idleSeconds} is, on a day with sign-ins, the time signed in less the service time, else the gaps between the
 * end of one ticket and the next call ({@link OfficerDayReport}).
 *
 * @param officer the officer's id; empty for ratings that named no officer, null on the total line
 */
public record OfficerLine(String site, String officer, long served, long noShows, long transfers, long recalls,
                          Double medianWaitSeconds, Double p90WaitSeconds, Double medianServiceSeconds,
                          Double p90ServiceSeconds, Double signedInSeconds, Double atCounterSeconds,
                          Double idleSeconds, long rated, long satisfied) {

    /** The share of ratings that are satisfied by the site's rules, 0..1; null without ratings. */
    public Double satisfiedShare() {
        return rated == 0 ? null : (double) satisfied / rated;
    }
}
