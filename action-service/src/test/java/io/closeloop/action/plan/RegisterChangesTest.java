package io.closeloop.action.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.closeloop.action.register.ControlType;
import io.closeloop.action.register.Controls;
import io.closeloop.action.register.Frequency;
import io.closeloop.action.register.GoodDirection;
import io.closeloop.chassis.problem.Problem;
import io.closeloop.chassis.problem.RuleViolation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisterChangesTest {

    private static final Controls.Spec FALLS = new Controls.Spec("Weekly falls risk reassessment check",
            ControlType.SUPERVISION_CHECK, Set.of("north"), "leader.north", Frequency.WEEKLY,
            "Falls reassessments on time", "rate", 0.95, GoodDirection.UP);

    private static RegisterChanges.ActionSpec action(ActionKind kind, String controlId, String name,
            ControlType type, Frequency frequency, Double threshold) {
        return new RegisterChanges.ActionSpec(kind, controlId, name, type, frequency, "Falls reassessments on time",
                "rate", threshold, GoodDirection.UP, "leader.south");
    }

    @Test
    void aChangeRevisesTheControlWithWhatTheActionSetsAndKeepsItsSitesAndOwner() {
        var change = RegisterChanges.of(action(ActionKind.CHANGE_CONTROL, "CTRL-FALLS-01", null, null,
                Frequency.DAILY, 0.98), "north", FALLS);
        assertThat(change).isEqualTo(new RegisterChanges.Revise("CTRL-FALLS-01", new Controls.Spec(FALLS.name(),
                ControlType.SUPERVISION_CHECK, Set.of("north"), "leader.north", Frequency.DAILY,
                "Falls reassessments on time", "rate", 0.98, GoodDirection.UP)));
        var renamed = (RegisterChanges.Revise) RegisterChanges.of(action(ActionKind.CHANGE_CONTROL, "CTRL-FALLS-01",
                "Falls reassessments with the due list", ControlType.ESCALATION_THRESHOLD, null, null), "north",
                FALLS);
        assertThat(renamed.spec().name()).isEqualTo("Falls reassessments with the due list");
        assertThat(renamed.spec().type()).isEqualTo(ControlType.ESCALATION_THRESHOLD);
        assertThat(renamed.spec().frequency()).as("unchanged when the action does not set it")
                .isEqualTo(Frequency.WEEKLY);
        assertThat(renamed.spec().indicatorThreshold()).isEqualTo(0.95);
    }

    @Test
    void aNewControlCoversThePlansSiteAndIsMonitoredByTheActionOwner() {
        var change = RegisterChanges.of(action(ActionKind.NEW_CONTROL, "CTRL-FALLS-09", "Sensor mats checked",
                ControlType.ENVIRONMENT_EQUIPMENT, null, 1.0), "south", null);
        assertThat(change).isEqualTo(new RegisterChanges.Create("CTRL-FALLS-09", new Controls.Spec(
                "Sensor mats checked", ControlType.ENVIRONMENT_EQUIPMENT, Set.of("south"), "leader.south",
                Frequency.WEEKLY, "Falls reassessments on time", "rate", 1.0, GoodDirection.UP)));
    }

    @Test
    void aRetirementRetiresAndASupportingActionLeavesTheRegisterAlone() {
        assertThat(RegisterChanges.of(action(ActionKind.RETIRE_CONTROL, "CTRL-POL-01", null, null, null, null),
                "north", null)).isEqualTo(new RegisterChanges.Retire("CTRL-POL-01"));
        assertThat(RegisterChanges.of(action(ActionKind.SUPPORTING, "CTRL-FALLS-01", null, null, null, 0.95),
                "north", FALLS)).isInstanceOf(RegisterChanges.None.class);
    }

    @Test
    void actionsOnControlsSayWhichControlAndNewControlsSayEverything() {
        assertThat(fields(() -> RegisterChanges.check(action(ActionKind.CHANGE_CONTROL, null, null, null, null,
                null), false))).containsExactly("controlId");
        assertThat(fields(() -> RegisterChanges.check(action(ActionKind.RETIRE_CONTROL, "CTRL-X", null, null,
                Frequency.DAILY, null), false))).containsExactly("controlId", "frequency");
        assertThatCode(() -> RegisterChanges.check(action(ActionKind.CHANGE_CONTROL, "CTRL-FALLS-01", null, null,
                null, 0.98), true)).doesNotThrowAnyException();
        assertThat(fields(() -> RegisterChanges.check(new RegisterChanges.ActionSpec(ActionKind.NEW_CONTROL,
                "CTRL-FALLS-01", " ", null, null, "Mats checked", null, null, null, "leader.north"), true)))
                .containsExactly("controlId", "controlName", "controlType", "indicatorUnit", "indicatorThreshold",
                        "goodDirection");
        assertThatCode(() -> RegisterChanges.check(action(ActionKind.NEW_CONTROL, "CTRL-FALLS-09", "Mats checked",
                ControlType.ENVIRONMENT_EQUIPMENT, null, 1.0), false)).doesNotThrowAnyException();
        assertThat(fields(() -> RegisterChanges.check(action(ActionKind.SUPPORTING, "CTRL-FALLS-01", "Renamed",
                ControlType.STAFFING, null, null), true))).containsExactly("controlName", "controlType");
    }

    private static List<String> fields(Runnable check) {
        try {
            check.run();
        } catch (RuleViolation violation) {
            assertThat(violation.status()).isEqualTo(422);
            return violation.errors().stream().map(Problem.FieldError::field).toList();
        }
        throw new AssertionError("no rule violation");
    }
}
