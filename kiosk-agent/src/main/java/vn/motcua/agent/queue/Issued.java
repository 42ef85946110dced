package vn.motcua.agent.queue;

import vn.motcua.screen.TicketView;


/** A ticket and whether this request created it ({@code false}: an earlier request with the same key did). */
public record Issued(TicketView ticket, boolean created) {
}
