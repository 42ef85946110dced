package vn.motcua.systemtest;

import java.util.Arrays;

/** Nearest-rank percentiles over recorded nanosecond samples. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samplesNanos) {
        sorted = samplesNanos.clone();
        Arrays.sort(sorted);
    }

    double millis(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    String summary() {
        return String.format("n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms", sorted.length, millis(50),
                millis(90), millis(99), millis(100));
    }
}
