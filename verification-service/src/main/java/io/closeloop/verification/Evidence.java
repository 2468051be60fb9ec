package io.closeloop.verification;

/** How strong a pass rate is: judged on the Wilson interval's lower bound, not on the raw rate. */
public final class Evidence {

    /** z for a two-sided 95% interval. */
    private static final double Z = 1.959963984540054;

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
    public static Outcome judge(int passed, int failed, double threshold) {
        return wilsonLowerBound(passed, passed + failed) >= threshold ? Outcome.PASSED : Outcome.FAILED;
    }
}
