package vn.motcua.app.ticket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.app.ticket.IdCard.Reading;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdCardTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    /** A card in the layout of the chip ID card's QR, born on {@code born} (ddMMyyyy). */
    static String card(String born) {
        return "079066012345|025123456|Nguyễn Thị Lan|" + born + "|Nữ|12 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh|"
                + "15082021";
    }

    @Test
    void givenSixtiethBirthdayToday_whenRead_thenPriority_andTheDayBeforeItIsNot() {
        assertEquals(Reading.PRIORITY, IdCard.read(card("30111966"), TODAY, 60));
        assertEquals(Reading.TOO_YOUNG, IdCard.read(card("01121966"), TODAY, 60), "59 until tomorrow");
        assertEquals(Reading.PRIORITY, IdCard.read(card("29111966"), TODAY, 60));
    }

    @Test
    void givenSitePriorityAge_whenRead_thenThatAgeCounts() {
        assertEquals(Reading.TOO_YOUNG, IdCard.read(card("30111966"), TODAY, 65));
        assertEquals(Reading.PRIORITY, IdCard.read(card("30111961"), TODAY, 65));
    }

    @Test
    void givenBornOnLeapDay_whenRead_thenOfAgeOnFirstOfMarchInAnOrdinaryYear() {
        assertEquals(Reading.TOO_YOUNG, IdCard.read(card("29021964"), LocalDate.of(2024, 2, 28), 60));
        assertEquals(Reading.PRIORITY, IdCard.read(card("29021964"), LocalDate.of(2024, 2, 29), 60));
        assertEquals(Reading.TOO_YOUNG, IdCard.read(card("29021964"), LocalDate.of(2025, 2, 28), 61));
        assertEquals(Reading.PRIORITY, IdCard.read(card("29021964"), LocalDate.of(2025, 3, 1), 61));
    }

    @Test
    void givenNoOldIdAndTrailingNewline_whenRead_thenStillACard() {
        assertEquals(Reading.PRIORITY, IdCard.read(
                "001058001234||Trần Văn Minh|02011958|Nam|Hà Nội|10102022\n", TODAY, 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://dichvucong.gov.vn/p/1.005090",
            "A012",
            "",
            "079066012345|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội",
            "079066012345|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|15082021|extra",
            "79066012345|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|15082021",
            "07906601234X|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|15082021",
            "079066012345|0251|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|15082021",
            "079066012345|025123456||30111966|Nữ|Hà Nội|15082021",
            "079066012345|025123456|Nguyễn Thị Lan|31021966|Nữ|Hà Nội|15082021",
            "079066012345|025123456|Nguyễn Thị Lan|29021967|Nữ|Hà Nội|15082021",
            "079066012345|025123456|Nguyễn Thị Lan|1966-11-30|Nữ|Hà Nội|15082021",
            "079066012345|025123456|Nguyễn Thị Lan|301166|Nữ|Hà Nội|15082021",
            "079066012345|025123456|Nguyễn Thị Lan|01122026|Nữ|Hà Nội|15082021",
            "079066012345|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|01122026",
            "079066012345|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|01011960",
            "079066012345|025123456|Nguyễn Thị Lan|30111966|Nữ|Hà Nội|3108202X",
    })
    void givenForeignOrMalformedCode_whenRead_thenNotAnIdCard(String scanned) {
        assertEquals(Reading.NOT_AN_ID_CARD, IdCard.read(scanned, TODAY, 60), scanned);
    }

    @Test
    void givenEndlessInput_whenRead_thenNotAnIdCard() {
        assertEquals(Reading.NOT_AN_ID_CARD, IdCard.read(card("30111966") + "x".repeat(2000), TODAY, 60));
        assertEquals(Reading.NOT_AN_ID_CARD, IdCard.read(null, TODAY, 60));
    }
}
