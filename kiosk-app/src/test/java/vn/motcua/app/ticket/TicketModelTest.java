package vn.motcua.app.ticket;

import org.junit.jupiter.api.Test;
import vn.motcua.screen.PrinterInfo;
import vn.motcua.screen.TicketView;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketModelTest {
    private final AtomicInteger keys = new AtomicInteger();

    private String next() {
        return "key-" + keys.incrementAndGet();
    }

    @Test
    void givenFailedTap_whenRetried_thenSameIdempotencyKey() {
        TicketModel m = new TicketModel();
        String first = m.begin("A", this::next);
        m.failed(null);
        assertEquals(first, m.begin("A", this::next));
    }

    @Test
    void givenNewChoice_thenNewKey() {
        TicketModel m = new TicketModel();
        String first = m.begin("A", this::next);
        m.failed(null);
        assertNotEquals(first, m.begin("B", this::next));
        m.reset();
        assertNotEquals(first, m.begin("A", this::next));
    }

    @Test
    void givenPrintProblemOrBlockedPrinter_thenShownAsQr() {
        TicketModel m = new TicketModel();
        m.begin("A", this::next);
        m.issued(new TicketView("id", "A", 1, "A001", null, "t", 0, false, "paper_out", "http://k/t/id"));
        assertTrue(m.showAsQr(PrinterInfo.unknown()));
        m.issued(new TicketView("id", "A", 1, "A001", null, "t", 0, true, null, "http://k/t/id"));
        assertFalse(m.showAsQr(new PrinterInfo("paper_out", null, null)));
        m.issued(new TicketView("id", "A", 1, "A001", null, "t", 0, null, null, null));
        assertTrue(m.showAsQr(new PrinterInfo("paper_out", null, null)));
        assertFalse(m.showAsQr(new PrinterInfo("ready", null, null)));
    }
}
