package vn.motcua.app.flows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.support.QrDecode;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.screen.TicketView;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printer's roll runs out: the ticket is still issued, and shown as a large QR code with its number. */
class PaperOutFlowTest {
    private AgentProcess agent;
    private KioskHarness kiosk;

    @AfterEach
    void cleanUp() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void givenPrinterOutOfPaper_whenTicketRequested_thenQrTicketShown() throws Exception {
        agent = new AgentProcess("paper").start();
        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");

        kiosk.tap("#tileTicket");
        kiosk.tap("#service-A");
        kiosk.waitShowing("#takePaper");
        assertTrue(kiosk.find("#ticketQr").isEmpty(), "paper in the printer: a printed ticket, no QR");
        kiosk.tap("#ticketDone");

        Files.createFile(agent.printerFolder().resolve("PAPER_OUT"));
        kiosk.tap("#tileTicket");
        kiosk.tap("#service-A");
        kiosk.waitShowing("#ticketQr");
        kiosk.waitShowing("#paperOutMessage");
        TicketScreen screen = (TicketScreen) kiosk.kiosk().navigator().screen(ScreenId.TICKET);
        TicketView t = KioskHarness.call(() -> screen.model().ticket());
        assertEquals(Boolean.FALSE, t.printed());
        assertEquals("paper_out", t.printProblem());
        assertEquals(t.display(), kiosk.text("#ticketNumber"));
        assertTrue(t.statusUrl().endsWith("/t/" + t.ticketId()), t.statusUrl());

        KioskHarness.Qr qr = kiosk.settledQr();
        assertEquals(t.statusUrl(), qr.text());
        assertEquals(t.statusUrl(), QrDecode.zbarimg(qr.scene(), Path.of("target", "qr", "paper-out-ticket.png")));
    }
}
