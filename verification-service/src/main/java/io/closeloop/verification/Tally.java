package io.closeloop.verification;

/** The results of one check against its plan: counts, rates and the verdict. */
public record Tally(int planned, int passed, int failed, double threshold) {

    public int recorded() {
        return passed + failed;
    }

    public double passRate() {
        return recorded() == 0 ? 0 : (double) passed / recorded();
    }

    public double lowerBound() {
        return Evidence.wilsonLowerBound(passed, recorded());
    }

    public Verdict verdict() {
        if (recorded() < planned) {
            return Verdict.PENDING;
        }
        return Evidence.shows(passed, failed, threshold) ? Verdict.PASSED : Verdict.FAILED;
    }
}
