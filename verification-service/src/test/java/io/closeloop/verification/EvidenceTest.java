package io.closeloop.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.closeloop.chassis.problem.RuleViolation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
        assertThat(Evidence.judge(5, 0, 0.8)).isEqualTo(Outcome.FAILED);
        assertThat(Evidence.judge(58, 2, 0.8)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void closesOnlyWhenEveryControlHasAPassingLatestCheck() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(ClosureRules.reasonsNotToClose(Set.of(a), Map.of(a, Outcome.PASSED))).isEmpty();
        assertThat(ClosureRules.reasonsNotToClose(Set.of(a, b), Map.of(a, Outcome.PASSED)))
                .containsExactly("control failure " + b + " has no check");
        assertThat(ClosureRules.reasonsNotToClose(Set.of(a), Map.of(a, Outcome.FAILED)))
                .containsExactly("control failure " + a + " failed its latest check");
    }

    @Test
    void ownersNeitherVerifyNorSignOffTheirOwnControls() {
        assertThatThrownBy(() -> ClosureRules.checkIndependentVerifier("leader.north", "leader.north"))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> ClosureRules.checkIndependentSignOff("senior", List.of("leader.north", "senior")))
                .isInstanceOf(RuleViolation.class);
    }
}
