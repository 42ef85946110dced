package vn.motcua.app.flows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent stops and comes back: the screen is calmly busy in between, then works again. */
class AgentOutageFlowTest {
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
    void givenAgentStopped_thenBusyScreen_andWhenAgentBack_thenTicketIssued() throws Exception {
        agent = new AgentProcess("outage").start();
        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        kiosk.tap("#tileTicket");

        agent.stop();
        kiosk.waitShowing("#busyCover");
        assertTrue(kiosk.text(".busy-title").startsWith("Hệ thống đang bận"));
        kiosk.tap("#busyRetry");
        kiosk.waitShowing("#busyCover");

        agent.start();
        kiosk.waitGone("#busyCover");
        kiosk.tap("#service-A");
        kiosk.waitShowing("#ticketNumber");
        assertTrue(kiosk.text("#ticketNumber").matches("A\\d{3}"));
    }
}
