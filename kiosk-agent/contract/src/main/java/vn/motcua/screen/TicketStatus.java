package vn.motcua.screen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where a ticket stands ({@code GET /api/tickets/{id}}, {@code GET /api/tickets?number=A012}): {@code status} is
 * waiting, called, served or no_show; {@code counter}, {@code officerId} and {@code officerName} name who called or
 * served it; {@code peopleAhead} is 0 once it has been called.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketStatus(String ticketId, String display, String service, String priority, String status,
                           String counter, String counterName, String officerId, String officerName, boolean rated,
                           int peopleAhead, Integer estimatedWaitMinutes, String issuedAt, String calledAt,
                           Boolean printed) {
}
