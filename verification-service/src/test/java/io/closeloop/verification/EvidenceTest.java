package io.closeloop.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvidenceTest {

    @Test
    void wilsonLowerBoundMatchesReferenceValues() {
        assertThat(Evidence.wilsonLowerBound(10, 10)).isCloseTo(0.7225, within(0.0005));
        assertThat(Evidence.wilsonLowerBound(95, 100)).isCloseTo(0.8882, within(0.0005));
        assertThat(Evidence.wilsonLowerBound(0, 0)).isZero();
    }

    @Test
    void aHandfulOfCasesCannotProveImprovement() {
        assertThat(new Tally(5, 5, 0, 0.8).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(new Tally(60, 58, 2, 0.8).verdict()).isEqualTo(Verdict.PASSED);
        assertThat(new Tally(60, 58, 1, 0.8).verdict()).isEqualTo(Verdict.PENDING);
    }

    @Test
    void withEveryCasePassingTheMinimumSampleIsTheClosedForm() {
        // With all n passing the lower bound is n / (n + z^2), so n >= t z^2 / (1 - t).
        assertThat(Evidence.minimumSample(0.8)).isEqualTo(16);
        assertThat(Evidence.minimumSample(0.9)).isEqualTo(35);
        assertThat(Evidence.shows(16, 0, 0.8)).isTrue();
        assertThat(Evidence.shows(15, 0, 0.8)).isFalse();
    }

    @Test
    void advisedSampleIsTheSmallestThatShowsTheThresholdAtTheExpectedRate() {
        Evidence.Advice advice = Evidence.adviseSampleSize(0.8, 0.95);
        int n = advice.sampleSize();
        assertThat(Evidence.wilsonLowerBound((int) Math.floor(0.95 * n + 1e-9), n)).isGreaterThanOrEqualTo(0.8);
        for (int smaller = 1; smaller < n; smaller++) {
            assertThat(Evidence.wilsonLowerBound((int) Math.floor(0.95 * smaller + 1e-9), smaller))
                    .as("n = %d", smaller).isLessThan(0.8);
        }
        assertThat(Evidence.shows(advice.passesNeeded(), n - advice.passesNeeded(), 0.8)).isTrue();
        assertThat(Evidence.shows(advice.passesNeeded() - 1, n - advice.passesNeeded() + 1, 0.8)).isFalse();
        assertThat(advice.sampleSize()).isGreaterThan(Evidence.minimumSample(0.8));
    }

    @Test
    void aCloserExpectedRateNeedsALargerSample() {
        assertThat(Evidence.adviseSampleSize(0.8, 0.9).sampleSize())
                .isGreaterThan(Evidence.adviseSampleSize(0.8, 0.95).sampleSize());
    }

    @Test
    void noSampleShowsMoreThanItExpectsToSee() {
        assertThatThrownBy(() -> Evidence.adviseSampleSize(0.9, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above the threshold");
        assertThatThrownBy(() -> Evidence.adviseSampleSize(1.0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
