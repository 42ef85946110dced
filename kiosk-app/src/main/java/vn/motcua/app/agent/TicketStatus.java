package vn.motcua.app.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /api/tickets/{id}} and {@code GET /api/tickets?number=A012}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketStatus(String ticketId, String display, String service, String status, String counter,
                           String counterName, String officerId, String officerName, boolean rated,
                           Integer peopleAhead) {
}
