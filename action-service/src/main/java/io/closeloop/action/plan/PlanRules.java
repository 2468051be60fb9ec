package io.closeloop.action;

import io.closeloop.chassis.problem.RuleViolation;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** When a plan may change, and when it is fully embedded. Plain Java. */
public final class PlanRules {

    private PlanRules() {
    }

    public static void checkChangeable(PlanStatus status) {
        if (status == PlanStatus.EMBEDDED) {
            throw RuleViolation.conflict("The plan is embedded and waits for verification");
        }
    }

    /** Actions answer control failures; each is recorded and embedded by the failure's owner only. */
    public static void checkOwner(String owner, String caller) {
        if (!owner.equals(caller)) {
            throw RuleViolation.unprocessable("Only the owner of the control failure, " + owner
                    + ", can record or embed its actions");
        }
    }

    public record ActionState(UUID controlFailureId, ActionStatus status) {
    }

    /** Embedded once every control failure has at least one action and every action is embedded. */
    public static boolean fullyEmbedded(Set<UUID> controlFailures, Collection<ActionState> actions) {
        Set<UUID> answered = actions.stream().map(ActionState::controlFailureId).collect(Collectors.toSet());
        return !controlFailures.isEmpty()
                && answered.containsAll(controlFailures)
                && actions.stream().allMatch(a -> a.status() == ActionStatus.EMBEDDED);
    }
}
