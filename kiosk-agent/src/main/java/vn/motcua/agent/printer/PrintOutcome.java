package vn.motcua.agent.printer;

/** Whether a job came out; {@code problem} is the contract's wire name ({@code paper_out}, …) when it did not. */
public record PrintOutcome(boolean printed, String problem, int bytes, long millis) {
    public static PrintOutcome failed(PrinterStatus status) {
        return new PrintOutcome(false, status.wireName(), 0, 0);
    }
}
