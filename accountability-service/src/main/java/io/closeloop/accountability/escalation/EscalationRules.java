package io.closeloop.accountability.escalation;

import io.closeloop.accountability.AccountabilityStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** When an unanswered accountability goes up a level. Plain Java. */
public final class EscalationRules {

    private EscalationRules() {
    }

    /** The due date is the last day to answer; the item is overdue from midnight UTC after it. */
    public static Instant overdueFrom(LocalDate dueOn) {
        return dueOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The levels to record now, lowest first: the senior leader once the due date has passed, the board once a
     * further {@code boardAfter} has passed. A level already reached is never recorded again, and a scheduler that
     * was down through both deadlines records both.
     */
    public static List<EscalationLevel> due(AccountabilityStatus status, LocalDate dueOn, EscalationLevel reached,
            Instant now, Duration boardAfter) {
        if (!status.pending()) {
            return List.of();
        }
        Instant overdue = overdueFrom(dueOn);
        EscalationLevel target = EscalationLevel.NONE;
        if (!now.isBefore(overdue.plus(boardAfter))) {
            target = EscalationLevel.BOARD;
        } else if (!now.isBefore(overdue)) {
            target = EscalationLevel.SENIOR_LEADER;
        }
        List<EscalationLevel> levels = new ArrayList<>();
        for (EscalationLevel level : EscalationLevel.values()) {
            if (level.compareTo(reached) > 0 && level.compareTo(target) <= 0) {
                levels.add(level);
            }
        }
        return levels;
    }
}
