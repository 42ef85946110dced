package vn.motcua.central.report.officer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Kept lines read back equal to the lines written, to the last bit of every double. */
class OfficerLineCodecTest {

    @Test
    void givenLinesWithAwkwardFigures_whenEncodedAndDecoded_thenTheyAreEqual() {
        List<OfficerLine> lines = List.of(
                new OfficerLine("s1", "", 0, 0, 0, 0, null, null, null, null, null, null, null, 3, 2),
                new OfficerLine("s1", "cán bộ \"1\"", 12, 1, 2, 3, 0.1 + 0.2, 294.00000000000006, 1e-7,
                        Double.MAX_VALUE, 0.0, 4200.0, 3000.5, Long.MAX_VALUE, 0));
        String json = OfficerLineCodec.encode(lines);
        List<OfficerLine> back = new ArrayList<>();
        OfficerLineCodec.decode("s1", json, back);
        assertEquals(lines, back, json);
        List<OfficerLine> none = new ArrayList<>();
        OfficerLineCodec.decode("s2", OfficerLineCodec.encode(List.of()), none);
        assertEquals(List.of(), none);
    }

    @Test
    void givenTextThatIsNotKeptLines_whenDecoded_thenItIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> OfficerLineCodec.decode("s1", "[[\"o1\", 1, 2]]", new ArrayList<>()));
    }
}
