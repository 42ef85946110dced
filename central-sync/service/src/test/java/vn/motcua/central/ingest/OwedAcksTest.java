package vn.motcua.central.ingest;

import org.junit.jupiter.api.Test;
import vn.motcua.central.store.KioskKey;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OwedAcksTest {
    private static final KioskKey KIOSK = new KioskKey("site-a", "kiosk-01");

    @Test
    void givenBatchesAnsweredShort_whenTheGapBeforeThemIsFilled_thenTheFurthestCoveredOneIsAckedOnce() {
        OwedAcks owed = new OwedAcks();
        owed.remember(KIOSK, "b2", 20);
        owed.remember(KIOSK, "b3", 30);
        owed.remember(KIOSK, "b5", 50);

        assertEquals(Optional.empty(), owed.settle(KIOSK, 10), "the gap is still open");
        assertEquals(Optional.of(new AckRequest("site-a", "kiosk-01", 30, "b3")), owed.settle(KIOSK, 40));
        assertEquals(Optional.empty(), owed.settle(KIOSK, 40), "b2 and b3 are settled");
        assertEquals(Optional.empty(), owed.settle(new KioskKey("site-b", "kiosk-01"), 50), "another site's kiosk");
        assertEquals(Optional.of(new AckRequest("site-a", "kiosk-01", 50, "b5")), owed.settle(KIOSK, 50));
    }

    @Test
    void givenMoreShortBatchesThanKept_whenSettled_thenOnlyTheLatestAreOwed() {
        OwedAcks owed = new OwedAcks();
        for (int b = 1; b <= OwedAcks.MAX_PER_KIOSK + 10; b++) {
            owed.remember(KIOSK, "b" + b, b * 10L);
        }
        assertEquals(Optional.empty(), owed.settle(KIOSK, 100), "the oldest were forgotten; their kiosk resends");
    }
}
