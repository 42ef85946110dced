package vn.motcua.central.report.integrity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-sided binomial tail against values worked out by hand. */
class BinomialTailTest {
    @Test
    void smallCasesMatchTheSumOfTheirTerms() {
        // P(X >= 8 | 10, 1/2) = (45 + 10 + 1) / 1024
        assertEquals(56.0 / 1024, IntegrityCheck.upperTail(10, 8, 0.5), 1e-12);
        // P(X >= 3 | 3, 0.2) = 0.008
        assertEquals(0.008, IntegrityCheck.upperTail(3, 3, 0.2), 1e-12);
        assertEquals(1.0, IntegrityCheck.upperTail(10, 0, 0.3), 1e-12);
    }

    @Test
    void aFigureLike463Of467AgainstSeventyPercentIsFarBeyondChance() {
        double p = IntegrityCheck.upperTail(467, 463, 0.7);
        assertTrue(p > 0 && p < 1e-50, "p = " + p);
        // an officer at the site's own share is not improbable
        assertTrue(IntegrityCheck.upperTail(467, 327, 0.7) > 0.4);
    }
}
