package io.closeloop.verification;

/** How strong a pass rate is: judged on the Wilson interval's lower bound, not on the raw rate. */
public final class Evidence {

    /** z for a two-sided 95% interval. */
    private static final double Z = 1.959963984540054;
    /** Beyond this the advice is to rethink the threshold, not to sample more. */
    static final int MAX_SAMPLE = 100_000;

    private Evidence() {
    }

    public static double wilsonLowerBound(int passed, int total) {
        if (total <= 0) {
            return 0;
        }
        double p = (double) passed / total;
        double z2 = Z * Z;
        double centre = p + z2 / (2 * total);
        double margin = Z * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total));
        return Math.max(0, (centre - margin) / (1 + z2 / total));
    }

    /** A handful of good cases cannot prove improvement: the lower bound must reach the threshold. */
    public static boolean shows(int passed, int failed, double threshold) {
        return wilsonLowerBound(passed, passed + failed) >= threshold;
    }

    /** How many cases to plan, and how many of them must pass, to show {@code threshold} at 95% confidence. */
    public record Advice(double threshold, double expectedRate, int sampleSize, int passesNeeded) {
    }

    /**
     * The smallest sample whose lower bound reaches the threshold if cases pass at the expected rate (rounded down,
     * so the advice never leans on a fraction of a case).
     */
    public static Advice adviseSampleSize(double threshold, double expectedRate) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("The pass threshold must be above 0 and below 1");
        }
        if (!(expectedRate > threshold && expectedRate <= 1)) {
            throw new IllegalArgumentException(
                    "The expected pass rate must be above the threshold: no sample can show more than it sees");
        }
        for (int n = 1; n <= MAX_SAMPLE; n++) {
            int passes = (int) Math.floor(expectedRate * n + 1e-9);
            if (wilsonLowerBound(passes, n) >= threshold) {
                return new Advice(threshold, expectedRate, n, passesNeeded(n, threshold));
            }
        }
        throw new IllegalArgumentException("More than " + MAX_SAMPLE + " cases would be needed: the expected rate is "
                + "too close to the threshold");
    }

    /** The fewest cases that can show the threshold, with every one of them passing. */
    public static int minimumSample(double threshold) {
        return adviseSampleSize(threshold, 1.0).sampleSize();
    }

    /** The fewest passes among {@code n} cases whose lower bound reaches the threshold; n + 1 when none does. */
    static int passesNeeded(int n, double threshold) {
        for (int passes = 0; passes <= n; passes++) {
            if (wilsonLowerBound(passes, n) >= threshold) {
                return passes;
            }
        }
        return n + 1;
    }
}
