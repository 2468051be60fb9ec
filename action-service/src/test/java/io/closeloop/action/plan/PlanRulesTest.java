package io.closeloop.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.chassis.problem.RuleViolation;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlanRulesTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void embeddedWhenEveryFailureHasActionsAndEveryActionIsEmbedded() {
        assertThat(PlanRules.fullyEmbedded(Set.of(A, B), List.of(
                new PlanRules.ActionState(A, ActionStatus.EMBEDDED),
                new PlanRules.ActionState(B, ActionStatus.EMBEDDED)))).isTrue();
    }

    @Test
    void notEmbeddedWithAnUnansweredFailureOrAPlannedAction() {
        assertThat(PlanRules.fullyEmbedded(Set.of(A, B), List.of(
                new PlanRules.ActionState(A, ActionStatus.EMBEDDED)))).isFalse();
        assertThat(PlanRules.fullyEmbedded(Set.of(A), List.of(
                new PlanRules.ActionState(A, ActionStatus.EMBEDDED),
                new PlanRules.ActionState(A, ActionStatus.PLANNED)))).isFalse();
        assertThat(PlanRules.fullyEmbedded(Set.of(), List.of())).isFalse();
    }

    @Test
    void onlyTheOwnerChangesActionsAndNotOnceEmbedded() {
        assertThatThrownBy(() -> PlanRules.checkOwner("leader.north", "leader.south"))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> PlanRules.checkChangeable(PlanStatus.EMBEDDED)).isInstanceOf(RuleViolation.class);
    }
}
