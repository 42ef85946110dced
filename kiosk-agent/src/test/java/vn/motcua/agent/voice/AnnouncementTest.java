package vn.motcua.agent.voice;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnouncementTest {
    @Test
    void givenA012ToCounter3_whenPlanned_thenInviteLetterDigitsOneByOneThenTheCounter() {
        assertEquals(List.of("moi-cong-dan-co-so-thu-tu", "chu-A", "so-0", "so-1", "so-2", "den-quay-so", "quay-3"),
                Announcement.plan("A012", 3));
    }

    @Test
    void givenCounter21_whenPlanned_thenItEndsWithTheClipForTwentyOne() {
        List<String> clips = Announcement.plan("B105", 21);
        assertEquals("quay-21", clips.get(clips.size() - 1));
        assertEquals("hai mươi mốt", VoiceClips.says("quay-21"));
    }

    @Test
    void givenALetterlessTicket_whenPlanned_thenOnlyItsDigitsAreRead() {
        assertEquals(List.of("moi-cong-dan-co-so-thu-tu", "so-0", "so-4", "so-7", "den-quay-so", "quay-12"),
                Announcement.plan("047", 12));
    }

    @Test
    void givenInvalidInput_whenPlanned_thenRefused() {
        for (String ticket : new String[]{null, "", "A", "a012", "A-012", "ABC1", "A1234567", "Ă012", "A012 "}) {
            assertThrows(IllegalArgumentException.class, () -> Announcement.plan(ticket, 3), String.valueOf(ticket));
        }
        assertThrows(IllegalArgumentException.class, () -> Announcement.plan("A012", 0));
        assertThrows(IllegalArgumentException.class, () -> Announcement.plan("A012", 100));
    }

    @Test
    void givenCounterIdsAndNames_whenNumbered_thenTheIdOrTheNamesLastNumberIsUsed() {
        assertEquals(OptionalInt.of(3), Announcement.counterNumber("3", "Quầy 3"));
        assertEquals(OptionalInt.of(12), Announcement.counterNumber("tiep-nhan", "Quầy 12"));
        assertEquals(OptionalInt.of(7), Announcement.counterNumber("q7", "Quầy tiếp nhận"));
        assertTrue(Announcement.counterNumber("tiep-nhan", "Quầy tiếp nhận").isEmpty());
        assertTrue(Announcement.counterNumber("100", "Quầy 100").isEmpty());
    }

    @Test
    void givenTheFixedNames_whenListed_thenEveryClipHasVietnameseWords_andOnlyThoseNamesAreClips() {
        List<String> names = VoiceClips.names();
        assertEquals(2 + 26 + 10 + 99, names.size());
        names.forEach(n -> assertFalse(VoiceClips.says(n).isBlank(), n));
        assertEquals("mười lăm", VoiceClips.says("quay-15"));
        assertEquals("hai mươi tư", VoiceClips.says("quay-24"));
        assertEquals("mười", VoiceClips.says("quay-10"));
        assertEquals("chín mươi chín", VoiceClips.says("quay-99"));
        assertEquals("mười một", VoiceClips.says("quay-11"));
        for (String bad : new String[]{"../pack", "quay-0", "quay-100", "chu-a", "so-10", "pack.properties", "",
                "moi-cong-dan-co-so-thu-tu.wav"}) {
            assertFalse(VoiceClips.isClip(bad), bad);
        }
    }
}
