package io.closeloop.accountability;

import io.closeloop.accountability.history.HistoryAction;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** Due dates, who may answer, and when an incident's accountability is complete. Plain Java. */
public final class AccountabilityRules {

    private AccountabilityRules() {
    }

    /** The date {@code workingDays} working days after {@code from}; weekends do not count. */
    public static LocalDate addWorkingDays(LocalDate from, int workingDays) {
        LocalDate date = from;
        int added = 0;
        while (added < workingDays) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return date;
    }

    public static void checkAcknowledgement(AccountabilityStatus status, String owner, String caller,
            LocalDate byWhen, LocalDate today) {
        checkOwnersAnswer(status, owner, caller);
        if (byWhen.isBefore(today)) {
            throw RuleViolation.unprocessable("'byWhen' is in the past",
                    List.of(new Problem.FieldError("byWhen", "must be today or later")));
        }
    }

    /** The named owner answers an OPEN accountability once: acknowledge or dispute. */
    public static void checkOwnersAnswer(AccountabilityStatus status, String owner, String caller) {
        if (status != AccountabilityStatus.OPEN) {
            throw RuleViolation.conflict("The accountability is " + status + ", not OPEN");
        }
        if (!owner.equals(caller)) {
            throw RuleViolation.unprocessable("Only the named owner, " + owner + ", can answer for this failure");
        }
    }

    /** What a senior leader's assignment means in the current state: a first owner, a new owner, or the same. */
    public static HistoryAction assignment(AccountabilityStatus status, String currentOwner, String newOwner) {
        return switch (status) {
            case UNASSIGNED -> HistoryAction.ASSIGNED;
            case DISPUTED -> newOwner.equals(currentOwner) ? HistoryAction.CONFIRMED : HistoryAction.REASSIGNED;
            default -> throw RuleViolation.conflict(
                    "Only an UNASSIGNED or DISPUTED accountability is assigned; this one is " + status);
        };
    }

    /** Nobody settles their own dispute. */
    public static void checkResolver(AccountabilityStatus status, String owner, String caller) {
        if (status == AccountabilityStatus.DISPUTED && caller.equals(owner)) {
            throw RuleViolation.unprocessable("The owner who disputed this, " + owner
                    + ", cannot also settle the dispute");
        }
    }

    /** Still waiting for an answer after its due date. */
    public static boolean overdue(AccountabilityStatus status, LocalDate dueOn, LocalDate today) {
        return status.pending() && today.isAfter(dueOn);
    }

    /** Complete once every control failure of the incident has an owner who acknowledged it. */
    public static boolean complete(Collection<AccountabilityStatus> statuses) {
        return !statuses.isEmpty() && statuses.stream().allMatch(s -> s == AccountabilityStatus.ACKNOWLEDGED);
    }
}
