package io.closeloop.action.plan;

import io.closeloop.chassis.escalation.EscalationLadder;
import io.closeloop.chassis.escalation.EscalationLevel;
import io.closeloop.chassis.problem.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The plan lifecycle: who may do what, in which state, and when it is fully embedded. Plain Java. */
public final class PlanRules {

    private PlanRules() {
    }

    public static void checkEditable(PlanStatus status) {
        if (!status.editable()) {
            throw RuleViolation.conflict("The plan is " + status + "; actions change only while it is a draft or reopened");
        }
    }

    /** Actions answer control failures; each is recorded by the failure's owner only. */
    public static void checkOwner(String owner, String caller) {
        if (!owner.equals(caller)) {
            throw RuleViolation.unprocessable("Only the owner of the control failure, " + owner
                    + ", can record or change its actions");
        }
    }

    public record ActionState(UUID controlFailureId, ActionStatus status, Strength strength) {
    }

    /** The owners submit a draft once every control failure has an action and the plan is not weak-only. */
    public static void checkSubmittable(PlanStatus status, Set<UUID> controlFailures,
            Collection<ActionState> actions, boolean weakOnlyExceptionApproved) {
        if (!status.editable()) {
            throw RuleViolation.conflict("The plan is " + status + " and cannot be submitted");
        }
        Set<UUID> answered = actions.stream().map(ActionState::controlFailureId).collect(Collectors.toSet());
        if (!answered.containsAll(controlFailures)) {
            throw RuleViolation.unprocessable("Every control failure needs at least one action before the plan is "
                    + "submitted");
        }
        StrengthRules.checkNotWeakOnly(actions.stream().map(ActionState::strength).toList(),
                weakOnlyExceptionApproved);
    }

    /** A senior leader approves a submitted plan, and never one in which they own a control failure. */
    public static void checkApprovable(PlanStatus status, Set<String> owners, String approver) {
        if (status != PlanStatus.SUBMITTED) {
            throw RuleViolation.conflict("Only a submitted plan can be approved or returned; this one is " + status);
        }
        if (owners.contains(approver)) {
            throw RuleViolation.unprocessable("You own a control failure of this plan; another senior leader approves it");
        }
    }

    /** Embedded once every control failure has at least one action and every action is embedded. */
    public static boolean fullyEmbedded(Set<UUID> controlFailures, Collection<ActionState> actions) {
        Set<UUID> answered = actions.stream().map(ActionState::controlFailureId).collect(Collectors.toSet());
        return !controlFailures.isEmpty()
                && answered.containsAll(controlFailures)
                && actions.stream().allMatch(a -> a.status() == ActionStatus.EMBEDDED);
    }

    /** The levels an action not yet running in its owner's pack escalates to now, as in stage 2. */
    public static List<EscalationLevel> overdueLevels(LocalDate dueOn, boolean running, EscalationLevel reached,
            Instant now, Duration boardAfter) {
        return running ? List.of() : EscalationLadder.levelsToRecord(dueOn, reached, now, boardAfter);
    }
}
