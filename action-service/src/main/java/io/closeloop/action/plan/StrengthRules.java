package io.closeloop.action.plan;

import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import java.util.Collection;
import java.util.List;

/** RCA2 strength of an action and the weak-only rule. Plain Java. */
public final class StrengthRules {

    private StrengthRules() {
    }

    /**
     * The strength an action's type carries. A supporting action does not itself change a control, so it is never
     * derived as strong.
     */
    public static Strength derive(ActionKind kind, ActionType type) {
        if (kind == ActionKind.SUPPORTING && type.strength() == Strength.STRONG) {
            return Strength.INTERMEDIATE;
        }
        return type.strength();
    }

    /** The strength to record: the derived one, or an override that must say why. */
    public static Strength decide(ActionKind kind, ActionType type, Strength override, String justification) {
        Strength derived = derive(kind, type);
        if (override == null || override == derived) {
            return derived;
        }
        if (justification == null || justification.isBlank()) {
            throw RuleViolation.unprocessable("Overriding the derived strength " + derived + " needs a justification",
                    List.of(new Problem.FieldError("strengthJustification", "required when strength is overridden")));
        }
        return override;
    }

    /** A plan whose every action is weak: training, reminders, memos and policy text alone. */
    public static boolean weakOnly(Collection<Strength> strengths) {
        return !strengths.isEmpty() && strengths.stream().allMatch(s -> s == Strength.WEAK);
    }

    public static void checkNotWeakOnly(Collection<Strength> strengths, boolean exceptionApproved) {
        if (weakOnly(strengths) && !exceptionApproved) {
            throw RuleViolation.unprocessable("Every action of the plan is weak (training, reminders, memos, policy "
                    + "text); add an intermediate or strong action, or ask a senior leader to approve the exception");
        }
    }
}
