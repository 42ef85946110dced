package vn.motcua.app.flows;

import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.app.AppConfig;
import vn.motcua.app.rating.Level;
import vn.motcua.app.rating.RatingModel;
import vn.motcua.app.rating.RatingScreen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.support.Snapshots;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Before the idle time-out returns home, the screen asks whether the citizen needs more time. */
class IdlePromptFlowTest {
    private static AgentProcess agent;
    private KioskHarness kiosk;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentProcess("idle").start();
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
    void givenHalfDoneRating_whenAskedAndMoreTimeTapped_thenRatingKept_andWithoutTouchHomeAndForgotten()
            throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        // 12 s of no touch: the question after 6 s, home 6 s later
        kiosk = KioskHarness.open(new AppConfig(base.agentUrl(), Duration.ofSeconds(12), base.staffPin(),
                base.requestTimeout(), base.retryInterval(), base.minutesPerTicket(), base.window(), base.languages(),
                base.zone(), Duration.ofSeconds(6)), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        RatingScreen rating = (RatingScreen) kiosk.kiosk().navigator().screen(ScreenId.RATING);

        kiosk.tap("#tileRating");
        kiosk.tap("#pickCounter");
        kiosk.tap("#counter-2");
        kiosk.tap("#officer-cb-tran-van-minh");
        kiosk.tap("#pickContinue");
        kiosk.tap("#level-dissatisfied");
        kiosk.tap("#reason-long_wait");

        kiosk.waitShowing("#idlePrompt");
        assertEquals("Quý khách cần thêm thời gian?", kiosk.text("#idleQuestion"));
        assertEquals("Thêm thời gian", kiosk.text("#idleMoreTime"));
        Snapshots.take(kiosk, "idle-prompt-landscape-vi");
        kiosk.tap("#idleMoreTime");
        kiosk.waitGone("#idlePrompt");

        assertEquals(ScreenId.RATING, KioskHarness.call(() -> kiosk.kiosk().navigator().current().get()));
        assertEquals(RatingModel.Step.REASONS, KioskHarness.call(() -> rating.model().step()));
        assertEquals(Level.DISSATISFIED, KioskHarness.call(() -> rating.model().level()));
        assertEquals(List.of("long_wait"), KioskHarness.call(() -> List.copyOf(rating.model().reasons())));
        assertTrue(KioskHarness.call(() -> ((ToggleButton) kiosk.find("#reason-long_wait").orElseThrow())
                .isSelected()), "the chosen reason is still ticked on screen");

        kiosk.tap("#langToggle");
        kiosk.waitShowing("#idlePrompt");
        assertEquals("Do you need more time?", kiosk.text("#idleQuestion"));
        assertEquals("More time", kiosk.text("#idleMoreTime"));
        Snapshots.take(kiosk, "idle-prompt-landscape-en");

        // nobody answers: home, in Vietnamese, the half-done rating forgotten
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#idlePrompt");
        assertEquals(RatingModel.Step.IDENTIFY, KioskHarness.call(() -> rating.model().step()));
        assertTrue(KioskHarness.call(() -> rating.model().reasons().isEmpty()));
        assertEquals("English", kiosk.text("#langToggle"), "back in the kiosk's first language");
    }

    @Test
    void givenPortraitLargeText_whenAsked_thenQuestionAndButtonFitTheScreen() throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        kiosk = KioskHarness.open(new AppConfig(base.agentUrl(), Duration.ofSeconds(8), base.staffPin(),
                base.requestTimeout(), base.retryInterval(), base.minutesPerTicket(), base.window(), base.languages(),
                base.zone(), Duration.ofSeconds(4)), 1080, 1920);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        kiosk.tap("#textSizeToggle");
        kiosk.tap("#tileTicket");
        kiosk.waitShowing("#idlePrompt");
        Snapshots.take(kiosk, "idle-prompt-portrait-large-vi");
        kiosk.waitShowing("#homeScreen");
    }
}
