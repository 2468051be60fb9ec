package io.closeloop.accountability.escalation;

import io.closeloop.accountability.AccountabilityStatus;
import io.closeloop.chassis.escalation.EscalationLadder;
import io.closeloop.chassis.escalation.EscalationLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** When an unanswered accountability goes up a level. Plain Java. */
public final class EscalationRules {

    private EscalationRules() {
    }

    /** The levels to record now; only an unanswered accountability escalates. */
    public static List<EscalationLevel> due(AccountabilityStatus status, LocalDate dueOn, EscalationLevel reached,
            Instant now, Duration boardAfter) {
        return status.pending() ? EscalationLadder.levelsToRecord(dueOn, reached, now, boardAfter) : List.of();
    }
}
