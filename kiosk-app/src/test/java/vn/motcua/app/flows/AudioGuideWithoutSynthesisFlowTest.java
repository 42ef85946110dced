package vn.motcua.app.flows;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.app.guide.AgentSpeaker;
import vn.motcua.app.guide.Utterance;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audio guide on a kiosk whose espeak-ng cannot speak, with an office's recorded pack (tones made with sox) of
 * the ticket screen's fixed phrases: the positions and phrases are said from the recordings, each name the agent
 * cannot synthesise is left out, and the citizen still takes a ticket.
 */
class AudioGuideWithoutSynthesisFlowTest {
    private static final List<String> RECORDED = List.of("guide-on", "guide-ticket-choose", "guide-priorities-right",
            "guide-priority-elderly", "guide-priority-disabled", "guide-priority-pregnant", "guide-priority-child",
            "guide-services", "guide-position-1", "guide-position-2", "guide-position-3", "guide-position-4");
    private static AgentProcess agent;
    private KioskHarness kiosk;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentProcess("guide-mute");
        Path pack = agent.dir().resolve("office-pack");
        Files.createDirectories(pack);
        for (String clip : RECORDED) {
            Process sox = new ProcessBuilder("sox", "-n", "-r", "22050", "-b", "16", "-c", "1",
                    pack.resolve(clip + ".wav").toString(), "synth", "0.3", "sine", "440").redirectErrorStream(true)
                    .start();
            assertEquals(0, sox.waitFor(), "sox must be installed (apt-get install sox)");
        }
        agent.env("AGENT_VOICE_PACK", pack.toString()).env("AGENT_VOICE_ESPEAK_COMMAND", "/bin/false").start();
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.close();
    }

    @AfterEach
    void closeKiosk() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void givenNoSynthesis_whenTheTicketScreenIsSaid_thenTheRecordedPositionsAreSaidWithoutTheNamesAndATicketIsTaken()
            throws Exception {
        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        AgentSpeaker speaker = (AgentSpeaker) kiosk.kiosk().speaker();
        kiosk.tap("#guideButton");
        kiosk.tap("#tileTicket");
        kiosk.waitShowing("#serviceList");

        List<Utterance> plan = KioskHarness.call(() -> {
            List<List<Utterance>> said = kiosk.kiosk().guide().said();
            return said.get(said.size() - 1);
        });
        List<Utterance> recorded = plan.stream().filter(u -> u.clip() != null && RECORDED.contains(u.clip())).toList();
        assertTrue(plan.stream().anyMatch(u -> u.clip() == null), "the services' names are in the plan: " + plan);
        Awaitility.await("the recorded part of the ticket screen said").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    List<Utterance> spoken = speaker.spoken().stream().map(AgentSpeaker.Spoken::utterance).toList();
                    assertEquals(recorded, spoken.subList(Math.max(0, spoken.size() - recorded.size()),
                            spoken.size()));
                });
        assertTrue(speaker.spoken().stream().allMatch(s -> s.utterance().clip() != null && s.wavBytes() > 1_000),
                "only recordings could be said: " + speaker.spoken());

        kiosk.tap("#service-A");
        kiosk.waitShowing("#ticketConfirmation");
        TicketScreen ticket = (TicketScreen) kiosk.kiosk().navigator().screen(ScreenId.TICKET);
        assertTrue(KioskHarness.call(() -> ticket.model().ticket()) != null, "the ticket is taken");
    }
}
