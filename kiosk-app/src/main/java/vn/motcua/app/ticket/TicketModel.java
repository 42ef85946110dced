package vn.motcua.app.ticket;

import vn.motcua.app.agent.PrinterInfo;
import vn.motcua.app.agent.Ticket;

import java.util.function.Supplier;

/** The state of one ticket request: which step, what was chosen, and the key that makes a retry the same request. */
public final class TicketModel {
    public enum Step { CHOOSE, ISSUING, DONE, FAILED }

    private Step step = Step.CHOOSE;
    private String preselected;
    private String service;
    private String priority;
    private String pendingKey;
    private Ticket ticket;
    private String rejection;

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

    public Ticket ticket() {
        return ticket;
    }

    public String pendingKey() {
        return pendingKey;
    }

    public String rejection() {
        return rejection;
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

    public void issued(Ticket t) {
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
    }
}
