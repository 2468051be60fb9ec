package io.closeloop.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.chassis.problem.RuleViolation;
import io.closeloop.verification.ClosureRules.CheckState;
import io.closeloop.verification.ClosureRules.TargetState;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClosureRulesTest {

    private final UUID falls = UUID.randomUUID();
    private final UUID meds = UUID.randomUUID();
    private final List<TargetState> targets = List.of(new TargetState(falls, "Falls reassessment", "leader.north"),
            new TargetState(meds, "Medication round check", "leader.south"));

    @Test
    void closesWhenEveryControlHasOnlyPassingChecksInForce() {
        assertThat(ClosureRules.reasonsNotToClose("senior", targets, List.of(
                check(falls, false, new Tally(60, 58, 2, 0.8)),
                check(falls, true, new Tally(60, 1, 0, 0.8)),
                check(meds, false, new Tally(20, 20, 0, 0.8))))).isEmpty();
    }

    @Test
    void listsEveryReasonAtOnce() {
        List<String> reasons = ClosureRules.reasonsNotToClose("leader.south", targets, List.of(
                check(falls, false, new Tally(60, 58, 2, 0.8)),
                check(falls, false, new Tally(60, 30, 0, 0.8)),
                check(falls, false, new Tally(10, 8, 2, 0.5))));
        assertThat(reasons).hasSize(4);
        assertThat(reasons.get(0)).startsWith("An owner of a control under test cannot sign off the closure: "
                + "leader.south owns Medication round check");
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("incomplete: 30 of 60 results recorded"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("failed: 8 of 10 passed, lower bound 0.490 below "
                + "the threshold 0.500"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).isEqualTo("Medication round check (" + meds
                + ") has no check"));
    }

    @Test
    void aSupersededCheckNeitherBlocksNorCounts() {
        assertThat(ClosureRules.reasonsNotToClose("senior", targets.subList(0, 1),
                List.of(check(falls, true, new Tally(60, 0, 0, 0.8)))))
                .containsExactly("Falls reassessment (" + falls + ") has no check");
    }

    @Test
    void ownersNeverVerifyTheirOwnControls() {
        ClosureRules.checkIndependentVerifier("verifier", "leader.north");
        assertThatThrownBy(() -> ClosureRules.checkIndependentVerifier("leader.north", "leader.north"))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void onlyAnOpenVerificationChanges() {
        ClosureRules.checkOpen(VerificationStatus.OPEN);
        assertThatThrownBy(() -> ClosureRules.checkOpen(VerificationStatus.CLOSED))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
    }

    private static CheckState check(UUID target, boolean superseded, Tally tally) {
        return new CheckState(UUID.randomUUID(), target, CheckMethod.RESAMPLE, superseded, tally);
    }
}
