package vn.motcua.app.guide;

import org.junit.jupiter.api.Test;
import vn.motcua.app.shell.Lang;
import vn.motcua.app.shell.Texts;
import vn.motcua.screen.Site;
import vn.motcua.screen.TicketView;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuideScriptTest {
    private final GuideScript script = new GuideScript(new Texts());

    @Test
    void givenTwelveServices_whenPlanned_thenTenOrdinalsThenNumbersAndNamesAsText() {
        List<Site.Service> services = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> new Site.Service("S" + i, "Dịch vụ " + i, "Service " + i)).toList();

        List<Utterance> plan = script.ticketChoice(Lang.VI, List.of(), services, false);

        assertEquals(3 + 2 * 12, plan.size());
        assertEquals("Lựa chọn thứ mười:", plan.get(3 + 2 * 9).text());
        assertEquals("guide-position-10", plan.get(3 + 2 * 9).clip());
        assertEquals("Lựa chọn số 11:", plan.get(3 + 2 * 10).text());
        assertNull(plan.get(3 + 2 * 10).clip());
        assertEquals("Dịch vụ 12", plan.get(plan.size() - 1).text());
    }

    @Test
    void givenEnglishWithoutAnEnglishName_whenPlanned_thenTheVietnameseNameIsSaid() {
        List<Utterance> plan = script.ticketChoice(Lang.EN, List.of("elderly"),
                List.of(new Site.Service("A", "Hộ tịch", null)), true);

        assertEquals(List.of("Choose a service", "The priority buttons are above the services, from left to right. "
                + "If you have priority, choose it before the service.", "Choice one:", "Elderly person",
                "The services run from top to bottom. Touch one to take a number.", "Choice one:", "Hộ tịch"),
                plan.stream().map(Utterance::text).toList());
    }

    @Test
    void givenAnIssuedTicket_whenPlanned_thenItsNumberSignBySignAndTheCountApartFromItsWords() {
        TicketView t = new TicketView("id", "A", 12, "A012", null, "2026-11-30T08:00:00Z", 7, true, null, null);

        List<Utterance> plan = script.ticketIssued(Lang.VI, t, false);

        assertEquals(List.of("Số thứ tự của quý khách", "A", "0", "1", "2", "Số người đang chờ trước quý khách:", "7",
                "Vui lòng nhận phiếu in bên dưới màn hình"), plan.stream().map(Utterance::text).toList());
        assertEquals("guide-people-ahead", plan.get(5).clip());
        assertNull(plan.get(6).clip());
    }

    @Test
    void givenThreeLevelScaleInPortrait_whenPlanned_thenThreeFacesTopToBottom() {
        List<String> texts = script.ratingLevels(Lang.VI, 3, true).stream().map(Utterance::text).toList();

        assertEquals(List.of("Các lựa chọn xếp từ trên xuống dưới.", "Lựa chọn thứ nhất:", "Rất hài lòng",
                "Lựa chọn thứ hai:", "Hài lòng", "Lựa chọn thứ ba:", "Không hài lòng"), texts.subList(1, 8));
    }

    @Test
    void givenTwelveProceduresInThreeFields_whenPlanned_thenTheFirstTenThenTheFieldsThatNarrowTheList() {
        List<Site.Procedure> listed = IntStream.rangeClosed(1, 12).mapToObj(i -> procedure("Thủ tục số " + i))
                .toList();

        List<Utterance> plan = script.procedures(Lang.VI, listed, List.of("Văn bằng", "Thi cử"));

        List<String> texts = plan.stream().map(Utterance::text).toList();
        assertEquals(List.of("Thủ tục hành chính", "Tìm thủ tục theo tên hoặc theo lĩnh vực.", "12 thủ tục",
                "Các lựa chọn xếp từ trên xuống dưới.", "Lựa chọn thứ nhất:", "Thủ tục số 1"), texts.subList(0, 6));
        assertEquals(List.of("Lựa chọn thứ mười:", "Thủ tục số 10"), texts.subList(22, 24));
        assertEquals("guide-procedures-more", plan.get(24).clip());
        assertEquals(List.of("Lựa chọn thứ nhất:", "Tất cả lĩnh vực", "Lựa chọn thứ hai:", "Văn bằng",
                "Lựa chọn thứ ba:", "Thi cử"), texts.subList(25, 31));
        assertEquals(31, plan.size());
        assertNull(plan.get(5).clip(), "a procedure's name is synthesised");
    }

    @Test
    void givenANameOnTwoLinesLongerThanTheSpeechTakes_whenPlanned_thenOneLineCutAfterAWord() {
        String name = "Công nhận\n" + "văn bằng ".repeat(60);

        String said = script.procedures(Lang.VI, List.of(procedure(name)), List.of()).get(5).text();

        assertTrue(said.length() <= vn.motcua.screen.SpeechRequest.MAX_TEXT, said);
        assertTrue(said.startsWith("Công nhận văn bằng văn") && said.endsWith("bằng"), said);
    }

    @Test
    void givenReasons_whenPlanned_thenEachAfterItsPositionThenTheButtons() {
        List<Utterance> plan = script.ratingReasons(Lang.VI, List.of("long_wait", "attitude"));

        assertEquals(List.of("Điều gì làm quý khách chưa hài lòng?", "Có thể chọn nhiều ý, hoặc bỏ qua.",
                "Các lựa chọn xếp từ trái sang phải.", "Lựa chọn thứ nhất:", "Chờ lâu", "Lựa chọn thứ hai:",
                "Thái độ phục vụ chưa tốt", "Bên dưới các lựa chọn là nút Gửi đánh giá, rồi nút Bỏ qua và gửi."),
                plan.stream().map(Utterance::text).toList());
        assertEquals("guide-reason-long-wait", plan.get(4).clip());
    }

    private static Site.Procedure procedure(String name) {
        return new Site.Procedure(null, name, null, "Văn bằng", null, false, null, null, List.of(), null, null);
    }
}
