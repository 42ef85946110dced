package vn.motcua.agent.printer;

import java.time.OffsetDateTime;

/**
 * What a ticket says on paper. {@code estimatedWaitMinutes} null means no estimate; {@code priorityLabel} null
 * means a normal ticket.
 */
public record TicketSlip(String siteName, String serviceName, String display, String priorityLabel,
                         int peopleAhead, Integer estimatedWaitMinutes, OffsetDateTime issuedAt, String statusUrl) {
}
