package io.closeloop.chassis.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EscalationLadderTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 4);
    private static final Instant OVERDUE = Instant.parse("2026-12-05T00:00:00Z");
    private static final Duration BOARD_AFTER = Duration.ofDays(5);

    @Test
    void climbsOneLevelAtEachDeadlineAndNeverRepeatsOne() {
        assertThat(EscalationLadder.levelsToRecord(DUE, EscalationLevel.NONE, OVERDUE.minusSeconds(1), BOARD_AFTER))
                .isEmpty();
        assertThat(EscalationLadder.levelsToRecord(DUE, EscalationLevel.NONE, OVERDUE, BOARD_AFTER))
                .containsExactly(EscalationLevel.SENIOR_LEADER);
        assertThat(EscalationLadder.levelsToRecord(DUE, EscalationLevel.SENIOR_LEADER, OVERDUE.plus(BOARD_AFTER),
                BOARD_AFTER)).containsExactly(EscalationLevel.BOARD);
        assertThat(EscalationLadder.levelsToRecord(DUE, EscalationLevel.BOARD, OVERDUE.plus(Duration.ofDays(30)),
                BOARD_AFTER)).isEmpty();
    }

    @Test
    void aSchedulerThatWasDownRecordsEveryMissedLevel() {
        assertThat(EscalationLadder.levelsToRecord(DUE, EscalationLevel.NONE, OVERDUE.plus(Duration.ofDays(9)),
                BOARD_AFTER)).containsExactly(EscalationLevel.SENIOR_LEADER, EscalationLevel.BOARD);
    }
}
