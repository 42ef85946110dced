package vn.motcua.app.ticket;

import vn.motcua.screen.PrinterInfo;
import vn.motcua.screen.TicketView;

import java.util.function.Supplier;

/** The state of one ticket request: which step, what was chosen, and the key that makes a retry the same request. */
public final class TicketModel {
    public enum Step { CHOOSE, ISSUING, DONE, FAILED }

    /** The ticket request's priority category for the elderly, as the agent and the protocol name it. */
    public static final String ELDERLY = "elderly";

    private Step step = Step.CHOOSE;
    private String preselected;
    private String service;
    private String priority;
    private String pendingKey;
    private TicketView ticket;
    private String rejection;
    private IdCard.Reading idCard;

    public Step step() {
        return step;
    }

    public String preselected() {
        return preselected;
    }

    public String service() {
        return service;
    }

    public String priority() {
        return priority;
    }

    public TicketView ticket() {
        return ticket;
    }

    public String pendingKey() {
        return pendingKey;
    }

    public String rejection() {
        return rejection;
    }

    /** What the last ID card scanned on this screen said, for the message; null before any scan. */
    public IdCard.Reading idCard() {
        return idCard;
    }

    /** An ID card was read: its holder's age sets or clears the elderly priority; nothing else of it is kept. */
    public void idCardRead(IdCard.Reading reading) {
        this.idCard = reading;
        if (reading == IdCard.Reading.PRIORITY) {
            priority = ELDERLY;
        } else if (reading == IdCard.Reading.TOO_YOUNG && ELDERLY.equals(priority)) {
            priority = null;
        }
    }

    public void preselect(String prefix) {
        this.preselected = prefix;
    }

    public void priority(String p) {
        this.priority = p;
    }

    /**
     * Starts a request and returns its idempotency key: a new one for a new choice, the same one for a retry of the
     * same service and priority after a failure.
     */
    public String begin(String forService, Supplier<String> newKey) {
        boolean retry = step == Step.FAILED && forService.equals(service) && pendingKey != null;
        this.service = forService;
        if (!retry) {
            pendingKey = newKey.get();
        }
        step = Step.ISSUING;
        return pendingKey;
    }

    public void issued(TicketView t) {
        this.ticket = t;
        step = Step.DONE;
    }

    public void failed(String rejectionCode) {
        this.rejection = rejectionCode;
        step = Step.FAILED;
    }

    /** The ticket is shown as a QR code when the agent says it was not printed, or the printer is known blocked. */
    public boolean showAsQr(PrinterInfo printer) {
        if (ticket == null) {
            return false;
        }
        if (ticket.printProblem() != null || Boolean.FALSE.equals(ticket.printed())) {
            return true;
        }
        return ticket.printed() == null && printer != null && printer.blocksPrinting();
    }

    public void reset() {
        step = Step.CHOOSE;
        preselected = null;
        service = null;
        priority = null;
        pendingKey = null;
        ticket = null;
        rejection = null;
        idCard = null;
    }
}
