package vn.motcua.app.flows;

import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.app.AppConfig;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.screen.TicketView;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The citizen's flows, tapped through the real screens against a real kiosk-agent on its own SQLite file. */
class KioskFlowTest {
    private static AgentProcess agent;
    private KioskHarness kiosk;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentProcess("flows").start();
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

    private KioskHarness open(AppConfig config) throws Exception {
        kiosk = KioskHarness.open(config, 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        return kiosk;
    }

    private TicketView takeTicketOnScreen(String service, String priority) {
        kiosk.tap("#tileTicket");
        if (priority != null) {
            kiosk.tap("#priority-" + priority);
        }
        kiosk.tap("#service-" + service);
        kiosk.waitShowing("#ticketNumber");
        TicketScreen screen = (TicketScreen) kiosk.kiosk().navigator().screen(ScreenId.TICKET);
        return KioskHarness.call(() -> screen.model().ticket());
    }

    @Test
    void givenAgent_whenTicketTakenWithPriority_thenNumberPeopleAheadAndWaitShown() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        TicketView first = takeTicketOnScreen("B", null);
        kiosk.tap("#ticketDone");
        TicketView second = takeTicketOnScreen("B", "elderly");

        assertTrue(second.display().matches("B\\d{3}"), second.display());
        assertEquals(second.display(), kiosk.text("#ticketNumber"));
        assertEquals("elderly", second.priority());
        assertTrue(second.number() > first.number());
        assertTrue(kiosk.text("#peopleAhead").endsWith(": " + second.peopleAhead()), kiosk.text("#peopleAhead"));
        assertTrue(second.peopleAhead() >= 1, "the first B ticket is still waiting");
        assertTrue(kiosk.text("#estimatedWait").contains("phút"), kiosk.text("#estimatedWait"));
        String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(agent.url().resolve("/api/status"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(status.contains("\"B\":"), status);
    }

    @Test
    void givenTicket_whenScannedAndRated_thenThanks_andSecondRatingIsRefusedKindly() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        TicketView t = takeTicketOnScreen("A", null);
        kiosk.tap("#ticketDone");
        String qr = t.statusUrl() != null ? t.statusUrl() : "http://127.0.0.1:8081/t/" + t.ticketId();

        rateByScanning(qr, "satisfied");
        kiosk.waitShowing("#ratingThanks");
        kiosk.tap("#ratingThanksHome");

        kiosk.tap("#tileRating");
        kiosk.waitShowing("#ticketInput");
        kiosk.robot().write(qr).type(KeyCode.ENTER);
        // an agent that knows the ticket is rated says so at once; otherwise the refusal comes with the rating
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                kiosk.find("#ratingAlready").filter(KioskHarness::showing).isPresent()
                        || kiosk.find("#ratingFaces").filter(KioskHarness::showing).isPresent());
        if (kiosk.find("#ratingFaces").filter(KioskHarness::showing).isPresent()) {
            kiosk.tap("#level-very_satisfied");
        }
        kiosk.waitShowing("#ratingAlready");
        assertTrue(kiosk.text("#ratingAlready").contains("đã được đánh giá"), kiosk.text("#ratingAlready"));
    }

    @Test
    void givenTicketNumberTypedOnKeypad_whenRated_thenThanksNamingTheTicket() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        TicketView t = takeTicketOnScreen("C", null);
        kiosk.tap("#ticketDone");
        kiosk.tap("#tileRating");
        kiosk.tap("#pad-C");
        for (char d : String.valueOf(t.number()).toCharArray()) {
            kiosk.tap("#pad-" + d);
        }
        kiosk.tap("#ticketLookup");
        kiosk.waitShowing("#ratingFaces");
        assertTrue(kiosk.text("#ratingWho").contains(t.display()), kiosk.text("#ratingWho"));
        kiosk.tap("#level-very_satisfied");
        kiosk.waitShowing("#ratingThanks");
    }

    @Test
    void givenUnknownTicketNumber_whenLookedUp_thenToldNotFound() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        kiosk.tap("#tileRating");
        for (String k : new String[]{"B", "9", "9", "9"}) {
            kiosk.tap("#pad-" + k);
        }
        kiosk.tap("#ticketLookup");
        kiosk.waitShowing("#ratingMessage");
        assertTrue(kiosk.text("#ratingMessage").contains("B999"), kiosk.text("#ratingMessage"));
        assertTrue(kiosk.find("#ratingFaces").isEmpty());
    }

    private void rateByScanning(String qr, String level) {
        kiosk.tap("#tileRating");
        kiosk.tap("#ticketInput");
        // a 2D scanner types the QR's content like a keyboard and ends with Enter
        kiosk.robot().write(qr).type(KeyCode.ENTER);
        kiosk.tap("#level-" + level);
    }

    @Test
    void givenNoTicket_whenCounterAndOfficerPickedAndLowLevel_thenReasonsThenThanks() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        kiosk.tap("#tileRating");
        kiosk.tap("#pickCounter");
        kiosk.tap("#counter-2");
        kiosk.tap("#officer-cb-tran-van-minh");
        kiosk.tap("#pickContinue");
        assertTrue(kiosk.text("#ratingWho").contains("Trần Văn Minh"), kiosk.text("#ratingWho"));
        kiosk.tap("#level-dissatisfied");
        kiosk.tap("#reason-long_wait");
        kiosk.tap("#reason-unclear_guidance");
        kiosk.tap("#submitRating");
        kiosk.waitShowing("#ratingThanks");
    }

    @Test
    void givenQueryWithoutDiacritics_whenTypedOnScreenKeyboard_thenProcedureFoundAndOpened() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        kiosk.tap("#tileProcedures");
        kiosk.tap("#keyboardToggle");
        for (char c : "xac minh van bang".toCharArray()) {
            kiosk.tap(c == ' ' ? "#key-space" : "#key-" + c);
        }
        assertEquals("xac minh van bang", kiosk.text("#searchField"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> KioskHarness.call(() ->
                ((VBox) kiosk.find("#procedureList").orElseThrow()).getChildren().size()) == 1);
        kiosk.tap("#procedure-0");
        assertEquals("Xác minh văn bằng, chứng chỉ", kiosk.text("#procedureTitle"));
        kiosk.waitShowing("#procedureQr");
    }

    @Test
    void givenEnglishFirstKiosk_whenIdleTimeoutPasses_thenBackInEnglish_andVietnameseOnlyKioskHasNoLanguageButton()
            throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        open(new AppConfig(base.agentUrl(), Duration.ofSeconds(2), base.staffPin(), base.requestTimeout(),
                base.retryInterval(), base.minutesPerTicket(), base.window(),
                java.util.List.of(vn.motcua.app.shell.Lang.EN, vn.motcua.app.shell.Lang.VI)));
        assertEquals("Tiếng Việt", kiosk.text("#langToggle"), "an English-first kiosk starts in English");
        kiosk.tap("#langToggle");
        assertEquals("English", kiosk.text("#langToggle"));
        kiosk.tap("#tileRating");
        kiosk.waitShowing("#homeScreen");
        assertEquals("Tiếng Việt", kiosk.text("#langToggle"), "the idle time-out returns to the first language");
        kiosk.close();

        open(new AppConfig(base.agentUrl(), base.idleTimeout(), base.staffPin(), base.requestTimeout(),
                base.retryInterval(), base.minutesPerTicket(), base.window(),
                java.util.List.of(vn.motcua.app.shell.Lang.VI)));
        assertTrue(kiosk.find("#langToggle").filter(KioskHarness::showing).isEmpty(),
                "one language only: no language button");
    }

    @Test
    void givenHalfDoneRating_whenIdleTimeoutPasses_thenHomeAndNothingRemembered() throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        open(new AppConfig(base.agentUrl(), Duration.ofSeconds(2), base.staffPin(), base.requestTimeout(),
                base.retryInterval(), base.minutesPerTicket(), base.window()));
        kiosk.tap("#langToggle");
        kiosk.tap("#tileRating");
        kiosk.tap("#pad-A");
        kiosk.tap("#pad-1");
        kiosk.tap("#pickCounter");
        kiosk.tap("#counter-1");
        kiosk.tap("#pickContinue");
        kiosk.waitShowing("#ratingFaces");

        kiosk.waitShowing("#homeScreen");
        assertEquals("English", kiosk.text("#langToggle"), "the next citizen starts in Vietnamese");
        kiosk.tap("#tileRating");
        assertEquals("", kiosk.text("#ticketInput"));
        assertTrue(kiosk.find("#ratingFaces").isEmpty());
    }

    @Test
    void givenStaffPin_whenEntered_thenStatusShown_andWrongPinRefused() throws Exception {
        open(KioskHarness.testConfig(agent.url()));
        kiosk.tap("#staffCorner");
        for (String k : new String[]{"1", "1", "1", "1"}) {
            kiosk.tap("#pin-" + k);
        }
        kiosk.tap("#pin-ok");
        kiosk.waitShowing("#pinWrong");
        for (char k : "2580".toCharArray()) {
            kiosk.tap("#pin-" + k);
        }
        kiosk.tap("#pin-ok");
        kiosk.waitShowing("#staffBroker");
        assertTrue(kiosk.text("#staffAgent").startsWith("Hoạt động"), kiosk.text("#staffAgent"));
        assertTrue(kiosk.text("#staffBroker").startsWith("Mất kết nối"), kiosk.text("#staffBroker"));
        kiosk.waitShowing("#staffBacklog");
        kiosk.tap("#testPrint");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "Đã gửi lệnh in thử.".equals(kiosk.text("#printTestResult")));
        kiosk.waitShowing("#exitApp");
    }
}
