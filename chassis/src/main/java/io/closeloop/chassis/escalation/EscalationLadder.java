package io.closeloop.chassis.escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The one escalation path of every stage: to the senior leader once the due date has passed, to the board once a
 * further delay has passed. Plain Java.
 */
public final class EscalationLadder {

    private EscalationLadder() {
    }

    /** The due date is the last day to answer; the item is overdue from midnight UTC after it. */
    public static Instant overdueFrom(LocalDate dueOn) {
        return dueOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The levels to record now, lowest first. A level already reached is never returned again, and a scheduler that
     * was down through both deadlines gets both.
     */
    public static List<EscalationLevel> levelsToRecord(LocalDate dueOn, EscalationLevel reached, Instant now,
            Duration boardAfter) {
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
