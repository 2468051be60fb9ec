package io.closeloop.accountability;

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
        if (!owner.equals(caller)) {
            throw RuleViolation.unprocessable("Only the named owner, " + owner + ", can acknowledge this failure");
        }
        if (status != AccountabilityStatus.OPEN) {
            throw RuleViolation.conflict("The accountability is " + status + ", not OPEN");
        }
        if (byWhen.isBefore(today)) {
            throw RuleViolation.unprocessable("'byWhen' is in the past",
                    List.of(new Problem.FieldError("byWhen", "must be today or later")));
        }
    }

    /** Complete once every control failure of the incident has an owner who acknowledged it. */
    public static boolean complete(Collection<AccountabilityStatus> statuses) {
        return !statuses.isEmpty() && statuses.stream().allMatch(s -> s == AccountabilityStatus.ACKNOWLEDGED);
    }
}
