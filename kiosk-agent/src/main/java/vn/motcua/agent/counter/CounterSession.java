package vn.motcua.agent.counter;

import java.time.Instant;

/** An officer signed in at a counter. The token travels in the {@code X-Counter-Token} header. */
public record CounterSession(String token, String officerId, String officerName, String counter, String counterName,
                             Instant since) {
}
