package io.closeloop.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void completeOnlyWhenEveryFailureIsAcknowledged() {
        assertThat(AccountabilityRules.complete(List.of())).isFalse();
        assertThat(AccountabilityRules.complete(List.of(AccountabilityStatus.ACKNOWLEDGED,
                AccountabilityStatus.OPEN))).isFalse();
        assertThat(AccountabilityRules.complete(List.of(AccountabilityStatus.ACKNOWLEDGED,
                AccountabilityStatus.ACKNOWLEDGED))).isTrue();
    }
}
