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

    @Test
    void logFactorialsAboveTheTableAgreeWithTheSumOfLogarithms() {
        double sum = 0;
        for (int m = 1; m <= 20_000; m++) {
            sum += Math.log(m);
            if (m >= 1000) {
                assertEquals(sum, IntegrityCheck.logFactorial(m), Math.abs(sum) * 1e-13, "ln " + m + "!");
            }
        }
    }

    @Test
    void aYearOfAnOfficersRatingsHasTheTailOfTheTermByTermSum() {
        long[][] cases = {{5_000, 3_600}, {5_000, 3_900}, {12_000, 8_600}, {1_500, 1_100}, {30_000, 21_400}};
        for (long[] c : cases) {
            double expected = termByTerm(c[0], c[1], 0.7);
            double got = IntegrityCheck.upperTail(c[0], c[1], 0.7);
            assertEquals(expected, got, expected * 1e-9, c[1] + " of " + c[0]);
        }
    }

    /** P(X >= k) with the binomial coefficient built factor by factor, as a reference. */
    private static double termByTerm(long n, long k, double p) {
        double logTerm = 0;
        for (long j = 1; j <= k; j++) {
            logTerm += Math.log(n - k + j) - Math.log(j);
        }
        logTerm += k * Math.log(p) + (n - k) * Math.log1p(-p);
        double sum = 0;
        double term = 1;
        for (long i = k; i <= n; i++) {
            sum += term;
            term *= (double) (n - i) / (i + 1) * (p / (1 - p));
            if (term < 1e-18 * sum) {
                break;
            }
        }
        return Math.exp(logTerm + Math.log(sum));
    }
}
