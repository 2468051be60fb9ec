package io.closeloop.accountability.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.closeloop.accountability.AccountabilityStatus;
import io.closeloop.chassis.escalation.EscalationLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 4);
    private static final Instant LAST_MINUTE = Instant.parse("2026-12-04T23:59:59Z");
    private static final Instant OVERDUE = Instant.parse("2026-12-05T00:00:00Z");
    private static final Duration BOARD_AFTER = Duration.ofDays(5);

    @Test
    void toTheSeniorLeaderOnceTheDueDateHasPassedAndToTheBoardAfterTheDelay() {
        assertThat(EscalationRules.due(AccountabilityStatus.OPEN, DUE, EscalationLevel.NONE, LAST_MINUTE,
                BOARD_AFTER)).isEmpty();
        assertThat(EscalationRules.due(AccountabilityStatus.OPEN, DUE, EscalationLevel.NONE, OVERDUE, BOARD_AFTER))
                .containsExactly(EscalationLevel.SENIOR_LEADER);
        assertThat(EscalationRules.due(AccountabilityStatus.OPEN, DUE, EscalationLevel.SENIOR_LEADER,
                OVERDUE.plus(BOARD_AFTER).minusSeconds(1), BOARD_AFTER)).isEmpty();
        assertThat(EscalationRules.due(AccountabilityStatus.OPEN, DUE, EscalationLevel.SENIOR_LEADER,
                OVERDUE.plus(BOARD_AFTER), BOARD_AFTER)).containsExactly(EscalationLevel.BOARD);
    }

    @Test
    void eachLevelOnceAndBothWhenTheSchedulerMissedTheFirst() {
        assertThat(EscalationRules.due(AccountabilityStatus.OPEN, DUE, EscalationLevel.SENIOR_LEADER, OVERDUE,
                BOARD_AFTER)).isEmpty();
        assertThat(EscalationRules.due(AccountabilityStatus.DISPUTED, DUE, EscalationLevel.BOARD,
                OVERDUE.plus(Duration.ofDays(60)), BOARD_AFTER)).isEmpty();
        assertThat(EscalationRules.due(AccountabilityStatus.UNASSIGNED, DUE, EscalationLevel.NONE,
                OVERDUE.plus(Duration.ofDays(60)), BOARD_AFTER))
                .containsExactly(EscalationLevel.SENIOR_LEADER, EscalationLevel.BOARD);
    }

    @Test
    void answeredAccountabilitiesNeverEscalate() {
        Instant late = OVERDUE.plus(Duration.ofDays(60));
        assertThat(EscalationRules.due(AccountabilityStatus.ACKNOWLEDGED, DUE, EscalationLevel.NONE, late,
                BOARD_AFTER)).isEmpty();
        assertThat(EscalationRules.due(AccountabilityStatus.DISCHARGED, DUE, EscalationLevel.NONE, late,
                BOARD_AFTER)).isEmpty();
    }
}
