package io.closeloop.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closeloop.accountability.history.HistoryAction;
import io.closeloop.chassis.problem.RuleViolation;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountabilityRulesTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);

    @Test
    void dueDatesSkipWeekends() {
        assertThat(AccountabilityRules.addWorkingDays(FRIDAY, 1)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(AccountabilityRules.addWorkingDays(FRIDAY, 5)).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(AccountabilityRules.addWorkingDays(LocalDate.of(2026, 11, 28), 5))
                .isEqualTo(LocalDate.of(2026, 12, 4));
    }

    @Test
    void onlyTheNamedOwnerAcknowledgesAnOpenAccountability() {
        assertThatThrownBy(() -> AccountabilityRules.checkAcknowledgement(AccountabilityStatus.OPEN, "leader.north",
                "leader.south", FRIDAY, FRIDAY)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> AccountabilityRules.checkAcknowledgement(AccountabilityStatus.ACKNOWLEDGED,
                "leader.north", "leader.north", FRIDAY, FRIDAY)).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> AccountabilityRules.checkAcknowledgement(AccountabilityStatus.OPEN, "leader.north",
                "leader.north", FRIDAY.minusDays(1), FRIDAY)).hasMessageContaining("byWhen");
    }

    @Test
    void onlyTheNamedOwnerDisputesAndOnlyAnOpenAccountability() {
        assertThatThrownBy(() -> AccountabilityRules.checkOwnersAnswer(AccountabilityStatus.OPEN, "leader.north",
                "senior")).hasMessageContaining("named owner");
        assertThatThrownBy(() -> AccountabilityRules.checkOwnersAnswer(AccountabilityStatus.DISPUTED, "leader.north",
                "leader.north")).isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        assertThatThrownBy(() -> AccountabilityRules.checkOwnersAnswer(AccountabilityStatus.UNASSIGNED, null,
                "leader.north")).isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        AccountabilityRules.checkOwnersAnswer(AccountabilityStatus.OPEN, "leader.north", "leader.north");
    }

    @Test
    void aSeniorLeaderAssignsTheUnassignedAndSettlesDisputes() {
        assertThat(AccountabilityRules.assignment(AccountabilityStatus.UNASSIGNED, null, "leader.north"))
                .isEqualTo(HistoryAction.ASSIGNED);
        assertThat(AccountabilityRules.assignment(AccountabilityStatus.DISPUTED, "leader.north", "senior"))
                .isEqualTo(HistoryAction.REASSIGNED);
        assertThat(AccountabilityRules.assignment(AccountabilityStatus.DISPUTED, "leader.north", "leader.north"))
                .isEqualTo(HistoryAction.CONFIRMED);
        assertThatThrownBy(() -> AccountabilityRules.assignment(AccountabilityStatus.OPEN, "leader.north", "senior"))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.status()).isEqualTo(409));
        assertThatThrownBy(() -> AccountabilityRules.assignment(AccountabilityStatus.ACKNOWLEDGED, "leader.north",
                "senior")).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> AccountabilityRules.checkResolver(AccountabilityStatus.DISPUTED, "senior", "senior"))
                .hasMessageContaining("cannot also settle");
        AccountabilityRules.checkResolver(AccountabilityStatus.UNASSIGNED, null, "senior");
        AccountabilityRules.checkResolver(AccountabilityStatus.DISPUTED, "leader.north", "senior");
    }

    @Test
    void overdueOnlyWhileUnansweredAfterTheDueDate() {
        assertThat(AccountabilityRules.overdue(AccountabilityStatus.OPEN, FRIDAY, FRIDAY)).isFalse();
        assertThat(AccountabilityRules.overdue(AccountabilityStatus.OPEN, FRIDAY, FRIDAY.plusDays(1))).isTrue();
        assertThat(AccountabilityRules.overdue(AccountabilityStatus.DISPUTED, FRIDAY, FRIDAY.plusDays(1))).isTrue();
        assertThat(AccountabilityRules.overdue(AccountabilityStatus.UNASSIGNED, FRIDAY, FRIDAY.plusDays(1))).isTrue();
        assertThat(AccountabilityRules.overdue(AccountabilityStatus.ACKNOWLEDGED, FRIDAY, FRIDAY.plusDays(9)))
                .isFalse();
        assertThat(AccountabilityRules.overdue(AccountabilityStatus.DISCHARGED, FRIDAY, FRIDAY.plusDays(9)))
                .isFalse();
    }

    @Test
    void completeOnlyWhenEveryFailureIsAcknowledged() {
        assertThat(AccountabilityRules.complete(List.of())).isFalse();
        assertThat(AccountabilityRules.complete(List.of(AccountabilityStatus.ACKNOWLEDGED,
                AccountabilityStatus.OPEN))).isFalse();
        assertThat(AccountabilityRules.complete(List.of(AccountabilityStatus.ACKNOWLEDGED,
                AccountabilityStatus.DISPUTED))).isFalse();
        assertThat(AccountabilityRules.complete(List.of(AccountabilityStatus.ACKNOWLEDGED,
                AccountabilityStatus.UNASSIGNED))).isFalse();
        assertThat(AccountabilityRules.complete(List.of(AccountabilityStatus.ACKNOWLEDGED,
                AccountabilityStatus.ACKNOWLEDGED))).isTrue();
    }
}
