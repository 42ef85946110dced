package vn.motcua.agent.counter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How wrong officer PINs are throttled on the LAN. Keys under {@code agent.counter.sign-in}; every one has a default.
 * Two limits, neither of which lets a stranger lock an officer out (see {@link SignIns}):
 * <ul>
 *   <li>per address: after {@code freeFailures} wrong PINs, each further try from that address waits, from
 *       {@code backoffStart} doubling up to {@code backoffMax};</li>
 *   <li>per officer: after {@code officerFailures} wrong PINs for one officer within {@code officerWindow}, from any
 *       addresses, that officer signs in only from an address they signed in from before (at most
 *       {@code knownAddresses} are remembered), and the agent logs an alert.</li>
 * </ul>
 * With the defaults a stranger gets at most 10 guesses a day at an officer's PIN, however many addresses they use:
 * about 1 in 1,000 a day for a 4-digit PIN, 1 in 100,000 for a 6-digit one.
 *
 * @param freeFailures    wrong PINs from one address before the back-off starts
 * @param backoffStart    the first wait, doubled for each further wrong PIN from that address
 * @param backoffMax      the longest wait between tries from one address
 * @param failureMemory   wrong PINs from an address are forgotten this long after the last one
 * @param officerFailures wrong PINs for one officer, within {@code officerWindow}, before only known addresses may try
 * @param officerWindow   the period {@code officerFailures} counts over (rolling)
 * @param knownAddresses  addresses remembered per officer from successful sign-ins (most recent first)
 */
@ConfigurationProperties("agent.counter.sign-in")
public record SignInSettings(
        @Bindable(defaultValue = "3") int freeFailures,
        @Bindable(defaultValue = "2s") Duration backoffStart,
        @Bindable(defaultValue = "1h") Duration backoffMax,
        @Bindable(defaultValue = "24h") Duration failureMemory,
        @Bindable(defaultValue = "10") int officerFailures,
        @Bindable(defaultValue = "24h") Duration officerWindow,
        @Bindable(defaultValue = "4") int knownAddresses) {

    public SignInSettings {
        List<String> errors = new ArrayList<>();
        if (freeFailures < 1 || freeFailures > 20) {
            errors.add("agent.counter.sign-in.free-failures " + freeFailures + " must be 1-20");
        }
        if (!positive(backoffStart)) {
            errors.add("agent.counter.sign-in.backoff-start must be a positive duration, e.g. 2s");
        }
        if (!positive(backoffMax) || (positive(backoffStart) && backoffMax.compareTo(backoffStart) < 0)) {
            errors.add("agent.counter.sign-in.backoff-max must be a duration of at least backoff-start, e.g. 1h");
        }
        if (!positive(failureMemory)) {
            errors.add("agent.counter.sign-in.failure-memory must be a positive duration, e.g. 24h");
        }
        if (officerFailures < 1 || officerFailures > 1000) {
            errors.add("agent.counter.sign-in.officer-failures " + officerFailures + " must be 1-1000");
        }
        if (!positive(officerWindow)) {
            errors.add("agent.counter.sign-in.officer-window must be a positive duration, e.g. 24h");
        }
        if (knownAddresses < 1 || knownAddresses > 64) {
            errors.add("agent.counter.sign-in.known-addresses " + knownAddresses + " must be 1-64");
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(String.join("; ", errors));
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
