package io.closeloop.action.plan;

import io.closeloop.action.register.ControlType;
import io.closeloop.action.register.Controls;
import io.closeloop.action.register.Frequency;
import io.closeloop.action.register.GoodDirection;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What an approved action does to the control register, and what an action must say for that. Plain Java. */
public final class RegisterChanges {

    private RegisterChanges() {
    }

    /** The register side of an action: the control it names and the fields it sets on it. */
    public record ActionSpec(ActionKind kind, String controlId, String controlName, ControlType controlType,
            Frequency frequency, String indicator, String indicatorUnit, Double indicatorThreshold,
            GoodDirection goodDirection, String owner) {
    }

    public sealed interface Change permits Create, Revise, Retire, None {
    }

    public record Create(String controlId, Controls.Spec spec) implements Change {
    }

    public record Revise(String controlId, Controls.Spec spec) implements Change {
    }

    public record Retire(String controlId) implements Change {
    }

    public record None() implements Change {
    }

    /**
     * The register change an approved action makes. A new control covers the plan's site and is monitored by the
     * action's owner, who runs it in their weekly pack. A changed control keeps its sites and owner and takes every
     * field the action sets; what the action does not set stays as it is.
     *
     * @param current the control as it stands, for a change; ignored otherwise
     */
    public static Change of(ActionSpec action, String site, Controls.Spec current) {
        return switch (action.kind()) {
            case NEW_CONTROL -> new Create(action.controlId(), new Controls.Spec(action.controlName(),
                    action.controlType(), Set.of(site), action.owner(),
                    action.frequency() == null ? Frequency.WEEKLY : action.frequency(), action.indicator(),
                    action.indicatorUnit(), action.indicatorThreshold(), action.goodDirection()));
            case CHANGE_CONTROL -> new Revise(action.controlId(), new Controls.Spec(
                    or(action.controlName(), current.name()), or(action.controlType(), current.type()),
                    current.sites(), current.monitoringOwner(), or(action.frequency(), current.frequency()),
                    or(action.indicator(), current.indicatorName()), or(action.indicatorUnit(), current.indicatorUnit()),
                    or(action.indicatorThreshold(), current.indicatorThreshold()),
                    or(action.goodDirection(), current.goodDirection())));
            case RETIRE_CONTROL -> new Retire(action.controlId());
            case SUPPORTING -> new None();
        };
    }

    /**
     * Checks an action when it is added: a change or retirement names a control in the register, a new control says
     * everything the register needs, and only actions on controls carry control fields.
     *
     * @param controlInRegister whether {@code action.controlId()} names a control of the register
     */
    public static void check(ActionSpec action, boolean controlInRegister) {
        List<Problem.FieldError> errors = new ArrayList<>();
        switch (action.kind()) {
            case CHANGE_CONTROL, RETIRE_CONTROL -> {
                if (action.controlId() == null || !controlInRegister) {
                    errors.add(new Problem.FieldError("controlId", "a control of the register is required for "
                            + action.kind() + " (it defaults to the control failure's control)"));
                }
                if (action.kind() == ActionKind.RETIRE_CONTROL) {
                    controlFieldsAbsent(action, errors);
                }
            }
            case NEW_CONTROL -> {
                if (controlInRegister) {
                    errors.add(new Problem.FieldError("controlId", "already in the register"));
                }
                required(action.controlName(), "controlName", errors);
                required(action.controlType(), "controlType", errors);
                required(action.indicator(), "indicator", errors);
                required(action.indicatorUnit(), "indicatorUnit", errors);
                required(action.indicatorThreshold(), "indicatorThreshold", errors);
                required(action.goodDirection(), "goodDirection", errors);
            }
            case SUPPORTING -> controlFieldsAbsent(action, errors);
        }
        if (!errors.isEmpty()) {
            throw RuleViolation.unprocessable("The action does not say enough, or says too much, about its control",
                    errors);
        }
    }

    private static void controlFieldsAbsent(ActionSpec action, List<Problem.FieldError> errors) {
        String only = "only for a new or changed control";
        if (action.controlName() != null) {
            errors.add(new Problem.FieldError("controlName", only));
        }
        if (action.controlType() != null) {
            errors.add(new Problem.FieldError("controlType", only));
        }
        if (action.frequency() != null) {
            errors.add(new Problem.FieldError("frequency", only));
        }
    }

    private static void required(Object value, String field, List<Problem.FieldError> errors) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(new Problem.FieldError(field, "required for a new control"));
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
