package vn.motcua.app.flows;

import javafx.scene.control.Labeled;
import javafx.scene.control.ToggleButton;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.app.AppConfig;
import vn.motcua.app.guide.AgentSpeaker;
import vn.motcua.app.guide.Utterance;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.app.support.RecordingSpeaker;
import vn.motcua.app.support.Snapshots;
import vn.motcua.app.ticket.TicketScreen;
import vn.motcua.screen.Site;
import vn.motcua.screen.TicketView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.app.support.RecordingSpeaker.texts;

/**
 * The audio guide, against a real agent: what each screen says once the citizen turns it on, and that the session's
 * end turns it off. One test plays through the application's own speaker (the agent's espeak-ng speech; a machine
 * without an audio device stays silent and goes on).
 */
class AudioGuideFlowTest {
    private static AgentProcess agent;
    private KioskHarness kiosk;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentProcess("guide").start();
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

    private RecordingSpeaker openRecording(AppConfig config) throws Exception {
        RecordingSpeaker speaker = new RecordingSpeaker();
        kiosk = KioskHarness.open(config, 1024, 600, a -> speaker);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        return speaker;
    }

    private static List<String> positions(int n, String... words) {
        List<String> out = new ArrayList<>();
        String[] vi = {"Lựa chọn thứ nhất:", "Lựa chọn thứ hai:", "Lựa chọn thứ ba:", "Lựa chọn thứ tư:",
            "Lựa chọn thứ năm:", "Lựa chọn thứ sáu:", "Lựa chọn thứ bảy:", "Lựa chọn thứ tám:"};
        for (int i = 0; i < n; i++) {
            out.add(vi[i]);
            out.add(words[i]);
        }
        return out;
    }

    @Test
    void givenGuideTurnedOn_whenTicketTaken_thenHomeServicesAndTicketAreSpoken_andDoneEndsTheGuide()
            throws Exception {
        RecordingSpeaker speaker = openRecording(KioskHarness.testConfig(agent.url()));
        assertEquals("Nghe hướng dẫn / Audio guide", kiosk.text("#guideButton"));
        assertTrue(speaker.asked().isEmpty(), "silent until the citizen asks");

        kiosk.tap("#guideButton");

        List<Utterance> home = KioskHarness.call(speaker::last);
        List<String> expected = new ArrayList<>(List.of("Đã bật hướng dẫn bằng giọng nói.",
                "Xin chào! Quý khách cần làm gì?", "Các lựa chọn xếp từ trái sang phải."));
        expected.addAll(positions(3, "Nộp hồ sơ trực tuyến", "Lấy số thứ tự", "Đánh giá mức độ hài lòng"));
        expected.add("Nút tắt hướng dẫn ở góc trên bên phải màn hình.");
        assertEquals(expected, texts(home));
        assertEquals(List.of("guide-on", "guide-home-welcome", "guide-order-left-to-right", "guide-position-1",
                "guide-home-online-title"), home.subList(0, 5).stream().map(Utterance::clip).toList());
        assertTrue(home.stream().allMatch(u -> u.lang().equals("vi")));
        assertEquals("Tắt hướng dẫn / Audio guide off", kiosk.text("#guideButton"));

        kiosk.tap("#tileTicket");

        List<Site.Service> services = KioskHarness.call(() -> kiosk.kiosk().state().site().get().services());
        List<Utterance> choose = KioskHarness.call(speaker::last);
        List<String> chooseExpected = new ArrayList<>(List.of("Chọn dịch vụ", "Nút ưu tiên ở cột bên phải, xếp từ "
                + "trên xuống dưới. Quý khách được ưu tiên thì chọn trước khi chọn dịch vụ."));
        chooseExpected.addAll(positions(4, "Người cao tuổi", "Người khuyết tật", "Phụ nữ mang thai",
                "Người đi cùng trẻ nhỏ"));
        chooseExpected.add("Các dịch vụ xếp từ trên xuống dưới. Chạm vào một dịch vụ để lấy số.");
        chooseExpected.addAll(positions(services.size(), services.stream().map(Site.Service::nameVi)
                .toArray(String[]::new)));
        assertEquals(chooseExpected, texts(choose));
        assertEquals("guide-priority-elderly", choose.get(3).clip());
        assertNull(choose.get(chooseExpected.size() - 1).clip(),
                "a service's name comes from the site configuration: always synthesised");
        assertEquals(2, speaker.asked().size(), "one plan per screen");

        kiosk.tap("#service-" + services.get(0).prefix());
        kiosk.waitShowing("#ticketConfirmation");

        TicketScreen ticketScreen = (TicketScreen) kiosk.kiosk().navigator().screen(ScreenId.TICKET);
        TicketView t = KioskHarness.call(() -> ticketScreen.model().ticket());
        List<Utterance> issued = KioskHarness.call(speaker::last);
        List<String> issuedExpected = new ArrayList<>(List.of("Số thứ tự của quý khách"));
        issuedExpected.addAll(List.of(t.display().split("")));
        issuedExpected.addAll(List.of("Số người đang chờ trước quý khách:", Integer.toString(t.peopleAhead()),
                "Vui lòng nhận phiếu in bên dưới màn hình"));
        assertEquals(issuedExpected, texts(issued));
        assertNull(issued.get(1).clip(), "the ticket's signs are synthesised");

        int plans = speaker.asked().size();
        int stops = speaker.stops();
        kiosk.tap("#ticketDone");
        kiosk.waitShowing("#homeScreen");

        assertFalse(KioskHarness.call(() -> kiosk.kiosk().state().guideOn().get()), "the session ended");
        assertEquals(plans, speaker.asked().size(), "home is not said once the guide is off");
        assertTrue(speaker.stops() > stops, "what was being said stops");
        assertEquals("Nghe hướng dẫn / Audio guide", kiosk.text("#guideButton"));
    }

    @Test
    void givenGuideOnInEnglish_whenRating_thenTheFacesAreSpokenInOrder() throws Exception {
        RecordingSpeaker speaker = openRecording(KioskHarness.testConfig(agent.url()));
        kiosk.tap("#langToggle");
        kiosk.tap("#guideButton");
        assertEquals("Audio guide on.", speaker.last().get(0).text());

        kiosk.tap("#tileRating");
        assertEquals(List.of("Which visit would you like to rate?"), texts(speaker.last()).subList(0, 1));
        kiosk.tap("#pickCounter");
        kiosk.tap("#counter-2");
        kiosk.tap("#officer-cb-tran-van-minh");
        kiosk.tap("#pickContinue");
        kiosk.waitShowing("#ratingFaces");

        int scale = KioskHarness.call(() -> kiosk.kiosk().state().site().get().ratingScale());
        List<Utterance> faces = speaker.last();
        List<String> expected = new ArrayList<>(List.of(KioskHarness.call(
                () -> kiosk.kiosk().state().t("rating.levels.title")), "The choices run from left to right.",
                "Choice one:", "Very satisfied", "Choice two:", "Satisfied"));
        assertEquals(expected, texts(faces).subList(0, 6));
        assertEquals(2 + 2 * scale, faces.size());
        assertTrue(faces.stream().allMatch(u -> u.lang().equals("en") && u.clip() == null),
                "English is synthesised: recorded packs are Vietnamese");
        assertTrue(kiosk.find("#guideToggle").map(KioskHarness::showing).orElse(false),
                "the guide can be turned off from every screen");

        kiosk.tap("#guideToggle");
        assertFalse(KioskHarness.call(() -> kiosk.kiosk().state().guideOn().get()));
    }

    @Test
    void givenGuideOn_whenNobodyTouchesUntilTheTimeOut_thenTheQuestionIsSaidThenHomeAndTheGuideIsOff() throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        RecordingSpeaker speaker = openRecording(new AppConfig(base.agentUrl(), Duration.ofSeconds(6),
                base.staffPin(), base.requestTimeout(), base.retryInterval(), base.minutesPerTicket(), base.window(),
                base.languages(), base.zone(), Duration.ofSeconds(3)));
        kiosk.tap("#guideButton");
        kiosk.tap("#tileTicket");
        int plans = speaker.asked().size();

        kiosk.waitShowing("#idlePrompt");
        assertEquals(List.of("Quý khách cần thêm thời gian?", KioskHarness.call(
                () -> kiosk.kiosk().state().t("idle.hint"))), texts(speaker.last()), "the question is said too");
        kiosk.waitShowing("#homeScreen");

        assertFalse(KioskHarness.call(() -> kiosk.kiosk().state().guideOn().get()));
        assertEquals(plans + 1, speaker.asked().size(), "nothing said after the session's end");
        assertTrue(speaker.stops() >= 1);
    }

    @Test
    void givenGuideOnAtHome_whenNobodyTouches_thenTheQuestionThenTheGuideIsOffForTheNextCitizen() throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        RecordingSpeaker speaker = openRecording(new AppConfig(base.agentUrl(), Duration.ofSeconds(6),
                base.staffPin(), base.requestTimeout(), base.retryInterval(), base.minutesPerTicket(), base.window(),
                base.languages(), base.zone(), Duration.ofSeconds(3)));
        kiosk.tap("#guideButton");

        kiosk.waitShowing("#idlePrompt");
        kiosk.waitGone("#idlePrompt");

        assertFalse(KioskHarness.call(() -> kiosk.kiosk().state().guideOn().get()));
        assertEquals(2, speaker.asked().size(), "home, then the question");
    }

    @Test
    void givenTheApplicationsSpeaker_whenGuideTurnedOn_thenEveryHomeUtteranceIsFetchedAsAudibleSpeech()
            throws Exception {
        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        AgentSpeaker speaker = (AgentSpeaker) kiosk.kiosk().speaker();

        kiosk.tap("#guideButton");
        List<Utterance> plan = KioskHarness.call(() -> kiosk.kiosk().guide().said().get(0));

        Awaitility.await("the home screen said through the agent's speech").atMost(Duration.ofSeconds(120))
                .until(() -> speaker.spoken().size() >= plan.size());
        List<AgentSpeaker.Spoken> spoken = speaker.spoken();
        assertEquals(plan, spoken.stream().map(AgentSpeaker.Spoken::utterance).toList());
        assertTrue(spoken.stream().allMatch(s -> s.wavBytes() > 4_000), "every utterance has speech: " + spoken);
        System.out.printf("audio guide: %d utterances, %d WAV bytes, played on a device: %s%n", spoken.size(),
                spoken.stream().mapToInt(AgentSpeaker.Spoken::wavBytes).sum(), spoken.get(0).played());
    }

    /** The texts of the showing nodes this selector finds, in the screen's order, e.g. the buttons of a list. */
    private List<String> shown(String selector, String idPrefix) {
        return KioskHarness.call(() -> kiosk.stage().getScene().getRoot().lookupAll(selector).stream()
                .filter(KioskHarness::showing)
                .filter(n -> idPrefix == null || (n.getId() != null && n.getId().startsWith(idPrefix)))
                .map(n -> ((Labeled) n).getText()).toList());
    }

    private String t(String key, Object... args) {
        return KioskHarness.call(() -> kiosk.kiosk().state().t(key, args));
    }

    /** Each choice after the words of its position, as the screen's texts give them. */
    private List<String> positioned(List<String> choices) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            out.add(i < 10 ? t("guide.position." + (i + 1)) : t("guide.position.n", i + 1));
            out.add(choices.get(i));
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    /** What the procedures screen shows: its title and hint, the count, then each listed procedure (ten at most). */
    private List<String> proceduresOnScreen() {
        List<String> listed = shown(".procedure-item", "procedure-");
        assertTrue(listed.size() <= 10, "the sample catalogue fits in ten: " + listed);
        return concat(List.of(t("procedures.title"), t("guide.procedures"), kiosk.text("#resultCount"),
                t("guide.order.topToBottom")), positioned(listed));
    }

    /** Waits until the last utterances the kiosk got from the agent and played are these, and returns them. */
    private static List<AgentSpeaker.Spoken> heard(AgentSpeaker speaker, List<String> expected) {
        Awaitility.await("the guide says " + expected).atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            List<String> said = speaker.spoken().stream().map(s -> s.utterance().text()).toList();
            assertEquals(expected, said.subList(Math.max(0, said.size() - expected.size()), said.size()));
        });
        List<AgentSpeaker.Spoken> spoken = speaker.spoken();
        List<AgentSpeaker.Spoken> tail = spoken.subList(spoken.size() - expected.size(), spoken.size());
        assertTrue(tail.stream().allMatch(s -> s.wavBytes() > 4_000), "every utterance has speech: " + tail);
        return tail;
    }

    @Test
    void givenTheApplicationsSpeaker_whenProceduresTicketAndRatingAreVisited_thenEachListIsSpokenAsTheScreenShowsIt()
            throws Exception {
        kiosk = KioskHarness.open(KioskHarness.testConfig(agent.url()), 1024, 600);
        kiosk.waitShowing("#homeScreen");
        kiosk.waitGone("#busyCover");
        AgentSpeaker speaker = (AgentSpeaker) kiosk.kiosk().speaker();

        kiosk.tap("#guideButton");
        List<String> tiles = shown(".tile-title", null);
        heard(speaker, concat(List.of(t("guide.on"), t("home.welcome"), t("guide.order.leftToRight")),
                positioned(tiles), List.of(t("guide.howToTurnOff"))));

        kiosk.tap("#tileProcedures");
        kiosk.waitShowing("#procedure-0");
        List<AgentSpeaker.Spoken> procedures = heard(speaker, proceduresOnScreen());
        assertNull(procedures.get(5).utterance().clip(), "a procedure's name is synthesised by the agent");
        Snapshots.take(kiosk, "guide-procedures");

        String field = kiosk.text("#field-0");
        kiosk.tap("#field-0");
        List<String> narrowed = proceduresOnScreen();
        assertTrue(narrowed.size() < procedures.size(), "a field lists fewer: " + narrowed);
        heard(speaker, narrowed);
        assertTrue(KioskHarness.call(() -> kiosk.kiosk().state().site().get().procedures().stream()
                .filter(p -> field.equals(p.field())).count()) * 2 + 4 == narrowed.size());

        kiosk.tap("#homeButton");
        kiosk.tap("#guideButton");
        kiosk.tap("#tileTicket");
        kiosk.waitShowing("#serviceList");
        List<String> priorities = shown(".chip", "priority-");
        assertEquals(4, priorities.size(), "the priority buttons: " + priorities);
        heard(speaker, concat(List.of(t("ticket.choose"), t("guide.priorities.right")), positioned(priorities),
                List.of(t("guide.services")), positioned(shown(".service-name", null))));
        Snapshots.take(kiosk, "guide-ticket-priorities");

        kiosk.tap("#homeButton");
        kiosk.tap("#guideButton");
        kiosk.tap("#tileRating");
        kiosk.tap("#pickCounter");
        kiosk.tap("#counter-2");
        kiosk.tap("#officer-cb-tran-van-minh");
        kiosk.tap("#pickContinue");
        kiosk.waitShowing("#ratingFaces");
        heard(speaker, concat(List.of(t("rating.levels.title"), t("guide.order.leftToRight")),
                positioned(shown(".level-word", null))));

        kiosk.tap("#level-dissatisfied");
        kiosk.waitShowing("#reason-long_wait");
        List<String> reasons = shown(".chip", "reason-");
        List<AgentSpeaker.Spoken> said = heard(speaker, concat(List.of(t("rating.reasons.title"),
                t("rating.reasons.hint"), t("guide.order.leftToRight")), positioned(reasons),
                List.of(t("guide.reasons.buttons"))));
        assertEquals("guide-reason-long-wait", said.get(4).utterance().clip(), "a fixed phrase an office may record");
        Snapshots.take(kiosk, "guide-rating-reasons");
        System.out.printf("audio guide: %d utterances fetched from the agent, %d WAV bytes, played on a device: %s%n",
                speaker.spoken().size(), speaker.spoken().stream().mapToInt(AgentSpeaker.Spoken::wavBytes).sum(),
                said.get(0).played());
    }

    @Test
    void givenGuideOnWithReasonsHalfChosen_whenMoreTimeIsAsked_thenTheQuestionThenTheReasonsAgainAndTheChoiceKept()
            throws Exception {
        AppConfig base = KioskHarness.testConfig(agent.url());
        RecordingSpeaker speaker = openRecording(new AppConfig(base.agentUrl(), Duration.ofSeconds(6),
                base.staffPin(), base.requestTimeout(), base.retryInterval(), base.minutesPerTicket(), base.window(),
                base.languages(), base.zone(), Duration.ofSeconds(3)));
        kiosk.tap("#guideButton");
        kiosk.tap("#tileRating");
        kiosk.tap("#pickCounter");
        kiosk.tap("#counter-2");
        kiosk.tap("#officer-cb-tran-van-minh");
        kiosk.tap("#pickContinue");
        kiosk.tap("#level-dissatisfied");
        kiosk.waitShowing("#reason-long_wait");
        List<String> reasonsScreen = concat(List.of(t("rating.reasons.title"), t("rating.reasons.hint"),
                t("guide.order.leftToRight")), positioned(shown(".chip", "reason-")), List.of(t("guide.reasons.buttons")));
        assertEquals(reasonsScreen, texts(speaker.last()));
        kiosk.tap("#reason-long_wait");
        int plans = speaker.asked().size();

        kiosk.waitShowing("#idlePrompt");
        assertEquals(List.of(t("idle.question"), t("idle.hint")), texts(speaker.last()));
        kiosk.tap("#idleMoreTime");
        kiosk.waitGone("#idlePrompt");

        assertEquals(plans + 2, speaker.asked().size(), "the question, then the screen once more");
        assertEquals(reasonsScreen, texts(speaker.last()), "the screen is said again from its title");
        assertTrue(KioskHarness.call(() -> ((ToggleButton) kiosk.find("#reason-long_wait").orElseThrow())
                .isSelected()), "the half-done rating is kept");
        assertTrue(KioskHarness.call(() -> kiosk.kiosk().state().guideOn().get()), "the session goes on");
    }
}
