package io.closeloop.action.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.chassis.problem.RuleViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrengthRulesTest {

    @Test
    void strengthFollowsTheRca2Hierarchy() {
        assertThat(StrengthRules.derive(ActionKind.CHANGE_CONTROL, ActionType.FORCING_FUNCTION))
                .isEqualTo(Strength.STRONG);
        assertThat(StrengthRules.derive(ActionKind.NEW_CONTROL, ActionType.CHECKLIST_OR_COGNITIVE_AID))
                .isEqualTo(Strength.INTERMEDIATE);
        assertThat(StrengthRules.derive(ActionKind.CHANGE_CONTROL, ActionType.DOUBLE_CHECK))
                .isEqualTo(Strength.WEAK);
        assertThat(StrengthRules.derive(ActionKind.SUPPORTING, ActionType.TRAINING)).isEqualTo(Strength.WEAK);
        assertThat(StrengthRules.derive(ActionKind.SUPPORTING, ActionType.NEW_POLICY_OR_MEMO))
                .isEqualTo(Strength.WEAK);
    }

    @Test
    void aSupportingActionIsNeverDerivedStrong() {
        assertThat(StrengthRules.derive(ActionKind.SUPPORTING, ActionType.LEADERSHIP_INVOLVEMENT))
                .isEqualTo(Strength.INTERMEDIATE);
        assertThat(StrengthRules.derive(ActionKind.NEW_CONTROL, ActionType.LEADERSHIP_INVOLVEMENT))
                .isEqualTo(Strength.STRONG);
    }

    @Test
    void anOverrideNeedsAJustification() {
        assertThatThrownBy(() -> StrengthRules.decide(ActionKind.SUPPORTING, ActionType.TRAINING,
                Strength.INTERMEDIATE, " ")).isInstanceOf(RuleViolation.class)
                .hasMessageContaining("justification");
        assertThat(StrengthRules.decide(ActionKind.SUPPORTING, ActionType.TRAINING, Strength.INTERMEDIATE,
                "High-fidelity simulation with quarterly refreshers")).isEqualTo(Strength.INTERMEDIATE);
        assertThat(StrengthRules.decide(ActionKind.SUPPORTING, ActionType.TRAINING, Strength.WEAK, null))
                .isEqualTo(Strength.WEAK);
        assertThat(StrengthRules.decide(ActionKind.CHANGE_CONTROL, ActionType.SOFTWARE_CHANGE, null, null))
                .isEqualTo(Strength.INTERMEDIATE);
    }

    @Test
    void weakOnlyMeansEveryActionWeakAndAtLeastOne() {
        assertThat(StrengthRules.weakOnly(List.of(Strength.WEAK, Strength.WEAK))).isTrue();
        assertThat(StrengthRules.weakOnly(List.of(Strength.WEAK, Strength.STRONG))).isFalse();
        assertThat(StrengthRules.weakOnly(List.of())).isFalse();
    }
}
