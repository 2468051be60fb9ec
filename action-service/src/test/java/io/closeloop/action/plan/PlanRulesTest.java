package io.closeloop.action.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.problem.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlanRulesTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private static PlanRules.ActionState state(UUID failure, ActionStatus status, Strength strength) {
        return new PlanRules.ActionState(failure, status, strength);
    }

    @Test
    void embeddedWhenEveryFailureHasActionsAndEveryActionIsEmbedded() {
        assertThat(PlanRules.fullyEmbedded(Set.of(A, B), List.of(
                state(A, ActionStatus.EMBEDDED, Strength.STRONG),
                state(B, ActionStatus.EMBEDDED, Strength.WEAK)))).isTrue();
    }

    @Test
    void notEmbeddedWithAnUnansweredFailureOrAnActionStillCounting() {
        assertThat(PlanRules.fullyEmbedded(Set.of(A, B), List.of(
                state(A, ActionStatus.EMBEDDED, Strength.STRONG)))).isFalse();
        assertThat(PlanRules.fullyEmbedded(Set.of(A), List.of(
                state(A, ActionStatus.EMBEDDED, Strength.STRONG),
                state(A, ActionStatus.ACTIVE, Strength.STRONG)))).isFalse();
        assertThat(PlanRules.fullyEmbedded(Set.of(), List.of())).isFalse();
    }

    @Test
    void submittedOnlyFromADraftWithEveryFailureAnswered() {
        var actions = List.of(state(A, ActionStatus.PLANNED, Strength.STRONG));
        assertThatThrownBy(() -> PlanRules.checkSubmittable(PlanStatus.DRAFT, Set.of(A, B), actions, false))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("Every control failure");
        assertThatThrownBy(() -> PlanRules.checkSubmittable(PlanStatus.SUBMITTED, Set.of(A), actions, false))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        assertThatCode(() -> PlanRules.checkSubmittable(PlanStatus.DRAFT, Set.of(A), actions, false))
                .doesNotThrowAnyException();
        assertThatCode(() -> PlanRules.checkSubmittable(PlanStatus.REOPENED, Set.of(A), actions, false))
                .doesNotThrowAnyException();
    }

    @Test
    void aWeakOnlyPlanIsRefusedUnlessASeniorLeaderApprovedTheException() {
        var weak = List.of(state(A, ActionStatus.PLANNED, Strength.WEAK), state(A, ActionStatus.PLANNED,
                Strength.WEAK));
        assertThatThrownBy(() -> PlanRules.checkSubmittable(PlanStatus.DRAFT, Set.of(A), weak, false))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(422))
                .hasMessageContaining("weak");
        assertThatCode(() -> PlanRules.checkSubmittable(PlanStatus.DRAFT, Set.of(A), weak, true))
                .doesNotThrowAnyException();
        var mixed = List.of(state(A, ActionStatus.PLANNED, Strength.WEAK), state(A, ActionStatus.PLANNED,
                Strength.INTERMEDIATE));
        assertThatCode(() -> PlanRules.checkSubmittable(PlanStatus.DRAFT, Set.of(A), mixed, false))
                .doesNotThrowAnyException();
    }

    @Test
    void aSubmittedPlanIsApprovedBySomeoneWhoOwnsNoneOfIt() {
        assertThatThrownBy(() -> PlanRules.checkApprovable(PlanStatus.DRAFT, Set.of("leader.north"), "senior"))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        assertThatThrownBy(() -> PlanRules.checkApprovable(PlanStatus.SUBMITTED, Set.of("senior"), "senior"))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(422));
        assertThatCode(() -> PlanRules.checkApprovable(PlanStatus.SUBMITTED, Set.of("leader.north"), "senior"))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyTheOwnerChangesActionsAndOnlyWhileDraftOrReopened() {
        assertThatThrownBy(() -> PlanRules.checkOwner("leader.north", "leader.south"))
                .isInstanceOf(RuleViolation.class);
        for (PlanStatus status : List.of(PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.EMBEDDED)) {
            assertThatThrownBy(() -> PlanRules.checkEditable(status)).isInstanceOf(RuleViolation.class);
        }
        assertThatCode(() -> PlanRules.checkEditable(PlanStatus.REOPENED)).doesNotThrowAnyException();
    }

    @Test
    void anActionNotRunningAfterItsDueDateGoesToTheSeniorLeaderThenToTheBoard() {
        LocalDate due = LocalDate.of(2026, 3, 1);
        Duration boardAfter = Duration.ofDays(5);
        Instant lastDueDay = Instant.parse("2026-03-01T23:59:59Z");
        Instant overdue = Instant.parse("2026-03-02T00:00:00Z");
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.NONE, lastDueDay, boardAfter)).isEmpty();
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.NONE, overdue, boardAfter))
                .containsExactly(EscalationLevel.SENIOR_LEADER);
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.SENIOR_LEADER,
                overdue.plus(boardAfter).minusSeconds(1), boardAfter)).as("recorded once").isEmpty();
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.SENIOR_LEADER, overdue.plus(boardAfter),
                boardAfter)).containsExactly(EscalationLevel.BOARD);
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.BOARD, overdue.plus(Duration.ofDays(30)),
                boardAfter)).isEmpty();
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.NONE, overdue.plus(Duration.ofDays(9)),
                boardAfter)).as("a sweep down through both deadlines records both")
                .containsExactly(EscalationLevel.SENIOR_LEADER, EscalationLevel.BOARD);
        assertThat(PlanRules.overdueLevels(due, true, EscalationLevel.NONE, overdue.plus(Duration.ofDays(9)),
                boardAfter)).as("running in the pack").isEmpty();
        assertThat(PlanRules.overdueLevels(due, false, EscalationLevel.NONE, overdue.plus(Duration.ofDays(1)),
                Duration.ofDays(1))).as("board-after is configurable")
                .containsExactly(EscalationLevel.SENIOR_LEADER, EscalationLevel.BOARD);
    }
}
